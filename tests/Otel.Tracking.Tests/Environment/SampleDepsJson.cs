namespace Otel.Tracking.Tests.EnvironmentCapture;

/// <summary>A trimmed .deps.json as the .NET SDK writes it for an app with packages and a project reference.</summary>
internal static class SampleDepsJson
{
    public const string Text = """
        {
          "runtimeTarget": { "name": ".NETCoreApp,Version=v10.0", "signature": "" },
          "compilationOptions": {},
          "targets": {
            ".NETCoreApp,Version=v10.0": {
              "trainer/1.0.0": { "dependencies": { "OpenTelemetry": "1.20.1", "Otel.Tracking": "1.0.0" }, "runtime": { "trainer.dll": {} } },
              "OpenTelemetry/1.20.1": { "runtime": { "lib/net10.0/OpenTelemetry.dll": {} } },
              "Google.Protobuf/3.36.2": { "runtime": { "lib/net5.0/Google.Protobuf.dll": {} } },
              "Otel.Tracking/1.0.0": { "runtime": { "Otel.Tracking.dll": {} } }
            }
          },
          "libraries": {
            "trainer/1.0.0": { "type": "project", "serviceable": false, "sha512": "" },
            "OpenTelemetry/1.20.1": { "type": "package", "serviceable": true, "sha512": "sha512-abc", "path": "opentelemetry/1.20.1" },
            "Google.Protobuf/3.36.2": { "type": "package", "serviceable": true, "sha512": "sha512-def", "path": "google.protobuf/3.36.2" },
            "Otel.Tracking/1.0.0": { "type": "project", "serviceable": false, "sha512": "" },
            "runtimepack.Microsoft.NETCore.App.Runtime.linux-x64/10.0.0": { "type": "runtimepack", "serviceable": false, "sha512": "" }
          }
        }
        """;
}
