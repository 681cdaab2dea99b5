namespace Otel.Tracking.Serving;

/// <summary>
/// <see cref="ModelServingOptions"/> with the environment's defaults applied, validated all at once. A class, not a
/// record: a record's ToString would print the API key.
/// </summary>
internal sealed class RegistrySettings(string model, Uri endpoint, string? apiKey, TimeSpan timeout)
{
    private const string UriPrefix = "models:/";
    private static readonly Uri DefaultEndpoint = new("http://localhost:4318");

    public string Model { get; } = model;

    public Uri Endpoint { get; } = endpoint;

    public string? ApiKey { get; } = apiKey;

    public TimeSpan Timeout { get; } = timeout;

    /// <exception cref="ModelServingException">Every invalid option, each named with what to set.</exception>
    public static RegistrySettings From(ModelServingOptions options, Func<string, string?> environment)
    {
        var errors = new List<string>();
        var model = Blank(options.Model) ?? Blank(environment(ModelServingOptions.ModelVariable));
        if (model is null)
        {
            errors.Add($"ModelServingOptions.Model is not set: set it (or {ModelServingOptions.ModelVariable}) to models:/NAME@ALIAS or models:/NAME/VERSION");
        }
        else if (!model.StartsWith(UriPrefix, StringComparison.Ordinal) || model.Length == UriPrefix.Length)
        {
            errors.Add($"ModelServingOptions.Model '{model}' is not a model URI: write models:/NAME@ALIAS or models:/NAME/VERSION");
        }

        var endpoint = options.Endpoint;
        if (endpoint is null && Blank(environment(ModelServingOptions.EndpointVariable)) is { } text
            && !Uri.TryCreate(text, UriKind.Absolute, out endpoint))
        {
            errors.Add($"{ModelServingOptions.EndpointVariable} '{text}' is not an absolute URL such as http://collector:4318");
        }

        endpoint ??= DefaultEndpoint;
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"ModelServingOptions.Endpoint '{endpoint}' is not an http(s) URL such as http://collector:4318");
        }

        if (options.RegistryTimeout <= TimeSpan.Zero)
        {
            errors.Add($"ModelServingOptions.RegistryTimeout is {options.RegistryTimeout}: give it a positive time (default 30 s)");
        }

        if (errors.Count > 0)
        {
            throw new ModelServingException("cannot serve a model: " + string.Join("; ", errors));
        }

        return new RegistrySettings(model!, endpoint, Blank(options.ApiKey) ?? Blank(environment(ModelServingOptions.ApiKeyVariable)), options.RegistryTimeout);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
