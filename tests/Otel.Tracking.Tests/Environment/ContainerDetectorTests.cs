using Otel.Tracking.EnvironmentCapture;
using static Otel.Tracking.MlSemanticConventions;

namespace Otel.Tracking.Tests.EnvironmentCapture;

/// <summary>Container ids from /proc samples of common runtimes, and the image from the product variables.</summary>
public sealed class ContainerDetectorTests
{
    private const string Id = "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb";
    private const string SandboxId = "3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d";

    [Theory]
    [InlineData("12:memory:/docker/" + Id + "\n11:cpu,cpuacct:/docker/" + Id + "\n1:name=systemd:/docker/" + Id)]
    [InlineData("11:cpu,cpuacct:/kubepods/burstable/pod5f1b6c2e-0000-4000-8000-000000000003/" + Id)]
    [InlineData("0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod5f1b6c2e_0000.slice/cri-containerd-" + Id + ".scope")]
    [InlineData("0::/system.slice/docker-" + Id + ".scope")]
    [InlineData("0::/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-podabc.slice/crio-" + Id + ".scope")]
    [InlineData("0::/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-" + Id + ".scope/container")]
    public void ParseCgroup_KnownRuntimes_FindsId(string cgroup) => Assert.Equal(Id, ContainerDetector.ParseCgroup(cgroup));

    [Theory]
    [InlineData("0::/")]
    [InlineData("0::/user.slice/user-1000.slice/session-3.scope")]
    [InlineData("12:memory:/\n11:cpu:/user.slice")]
    public void ParseCgroup_HostOrNamespaced_FindsNothing(string cgroup) => Assert.Null(ContainerDetector.ParseCgroup(cgroup));

    [Fact]
    public void ParseMountInfo_CgroupV2Docker_FindsIdFromHostnameMount()
    {
        var mountInfo = $"""
            660 570 0:56 / / rw,relatime master:293 - overlay overlay rw,lowerdir=/var/lib/docker/overlay2/l/ABC
            661 660 0:59 / /proc rw,nosuid,nodev,noexec,relatime - proc proc rw
            675 660 254:1 /var/lib/docker/containers/{Id}/resolv.conf /etc/resolv.conf rw,relatime - ext4 /dev/vda1 rw
            676 660 254:1 /var/lib/docker/containers/{Id}/hostname /etc/hostname rw,relatime - ext4 /dev/vda1 rw
            """;

        Assert.Equal(Id, ContainerDetector.ParseMountInfo(mountInfo));
    }

    [Fact]
    public void ParseMountInfo_KubernetesSandboxAndPodman()
    {
        var sandboxOnly = $"1 0 8:1 /var/lib/containerd/io.containerd.grpc.v1.cri/sandboxes/{SandboxId}/hostname /etc/hostname rw - ext4 /dev/sda1 rw";
        var podman = $"1 0 8:1 /home/u/.local/share/containers/storage/overlay-containers/{Id}/userdata/hostname /etc/hostname rw - ext4 /dev/sda1 rw";

        Assert.Null(ContainerDetector.ParseMountInfo(sandboxOnly));
        Assert.Equal(Id, ContainerDetector.ParseMountInfo(podman));
    }

    [Theory]
    [InlineData("trainer", "trainer", null, null)]
    [InlineData("ghcr.io/org/trainer:1.4", "ghcr.io/org/trainer", "1.4", null)]
    [InlineData("registry:5000/team/trainer", "registry:5000/team/trainer", null, null)]
    [InlineData("registry:5000/team/trainer:2@sha256:abc", "registry:5000/team/trainer", "2", "sha256:abc")]
    [InlineData("trainer@sha256:abc", "trainer", null, "sha256:abc")]
    public void ParseImage_SplitsNameTagAndDigest(string reference, string name, string? tag, string? digest) =>
        Assert.Equal((name, tag, digest), ContainerDetector.ParseImage(reference));

    [Fact]
    public void Detect_CgroupV2WithImageVariables_GivesIdNameTagsDigestsAndImageId()
    {
        var sources = EnvironmentSources.From(
            new Dictionary<string, string>
            {
                ["OTEL_TRACK_CONTAINER_IMAGE"] = "ghcr.io/org/trainer:1.4@sha256:" + SandboxId,
                ["OTEL_TRACK_CONTAINER_IMAGE_ID"] = "sha256:" + Id,
            },
            new Dictionary<string, string>
            {
                ["/proc/self/cgroup"] = "0::/\n",
                ["/proc/self/mountinfo"] = $"676 660 254:1 /var/lib/docker/containers/{Id}/hostname /etc/hostname rw - ext4 /dev/vda1 rw\n",
            });

        var container = ContainerDetector.Detect(sources);

        Assert.Equal(Id, container[ContainerId]);
        Assert.Equal("ghcr.io/org/trainer", container[ContainerImageName]);
        Assert.Equal(["1.4"], Assert.IsType<string[]>(container[ContainerImageTags]));
        Assert.Equal(["ghcr.io/org/trainer@sha256:" + SandboxId], Assert.IsType<string[]>(container[ContainerImageRepoDigests]));
        Assert.Equal("sha256:" + Id, container[ContainerImageId]);
    }

    [Fact]
    public void Detect_NotInContainer_CapturesNothing()
    {
        var sources = EnvironmentSources.From(null, new Dictionary<string, string> { ["/proc/self/cgroup"] = "0::/user.slice\n" });

        Assert.Empty(ContainerDetector.Detect(sources).Items);
        Assert.Empty(ContainerDetector.Detect(EnvironmentSources.From(null)).Items);
    }
}
