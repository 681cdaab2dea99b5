using Otel.Tracking.EnvironmentCapture;

namespace Otel.Tracking.Tests.EnvironmentCapture;

public sealed class RepositoryUrlTests
{
    [Theory]
    [InlineData("https://user:token@host/x", "https://host/x")]
    [InlineData("https://x-access-token:ghs_abc@github.com/org/repo.git", "https://github.com/org/repo.git")]
    [InlineData("https://ghp_onlytoken@github.com/org/repo", "https://github.com/org/repo")]
    [InlineData("http://user:p%40ss@gitlab.example.com:8080/g/p.git", "http://gitlab.example.com:8080/g/p.git")]
    [InlineData("https://github.com/org/repo.git", "https://github.com/org/repo.git")]
    [InlineData("ssh://git:secret@host:22/org/repo.git", "ssh://git@host:22/org/repo.git")]
    [InlineData("ssh://git@host/org/repo.git", "ssh://git@host/org/repo.git")]
    [InlineData("git@github.com:org/repo.git", "git@github.com:org/repo.git")]
    [InlineData("/srv/git/repo.git", "/srv/git/repo.git")]
    [InlineData("https://host/path@v1", "https://host/path@v1")]
    public void StripCredentials_RemovesSecretsOnly(string url, string expected) =>
        Assert.Equal(expected, RepositoryUrl.StripCredentials(url));

    [Theory]
    [InlineData("https://github.com/org/repo.git", "github")]
    [InlineData("git@github.com:org/repo.git", "github")]
    [InlineData("https://github.example.com/org/repo", "github")]
    [InlineData("https://gitlab.com/group/project.git", "gitlab")]
    [InlineData("ssh://git@gitlab.internal:2222/g/p.git", "gitlab")]
    [InlineData("https://bitbucket.org/team/repo.git", null)]
    [InlineData("https://mygithubmirror.example.com/org/repo", null)]
    [InlineData("/srv/git/repo.git", null)]
    public void Provider_FromHostLabels(string url, string? expected) => Assert.Equal(expected, RepositoryUrl.Provider(url));
}
