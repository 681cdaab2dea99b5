using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using static Otel.Tracking.MlSemanticConventions;

namespace Otel.Tracking.EnvironmentCapture;

/// <summary>The machine: name, OS, architecture, CPU, memory, and NVIDIA GPUs when <c>nvidia-smi</c> is on PATH.</summary>
internal static class HostDetector
{
    private static readonly TimeSpan GpuQueryTimeout = TimeSpan.FromSeconds(3);

    public static ResourceAttributes Detect(EnvironmentSources sources, string nvidiaSmi = "nvidia-smi")
    {
        var attributes = new ResourceAttributes();
        attributes.Add(HostName, System.Environment.MachineName);
        attributes.Add(OsType, OsTypeValue());
        attributes.Add(OsDescription, RuntimeInformation.OSDescription);
        attributes.Add(HostArch, Arch(RuntimeInformation.OSArchitecture));
        attributes.Add(HostCpuModelName, sources.ReadFile("/proc/cpuinfo") is { } cpuinfo ? ParseCpuModel(cpuinfo) : null);
        attributes.Add(HostCpuCount, System.Environment.ProcessorCount);
        attributes.Add(HostMemoryBytes, TotalMemory(sources));
        AddGpus(attributes, nvidiaSmi);
        return attributes;
    }

    /// <summary>The OpenTelemetry <c>host.arch</c> value.</summary>
    internal static string Arch(Architecture architecture) => architecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.X86 => "x86",
        Architecture.Arm64 => "arm64",
        Architecture.Arm or Architecture.Armv6 => "arm32",
        Architecture.S390x => "s390x",
        Architecture.Ppc64le => "ppc64",
        _ => architecture.ToString().ToLowerInvariant(),
    };

    /// <summary>The first <c>model name</c> of /proc/cpuinfo (x86; most ARM kernels print none).</summary>
    internal static string? ParseCpuModel(string cpuinfo) => Field(cpuinfo, "model name");

    /// <summary>MemTotal of /proc/meminfo in bytes (the file says kB, meaning KiB).</summary>
    internal static long? ParseMemTotal(string meminfo)
    {
        var value = Field(meminfo, "MemTotal")?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return value is { Length: > 0 } && long.TryParse(value[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kib)
            ? kib * 1024
            : null;
    }

    /// <summary>Rows of <c>nvidia-smi --query-gpu=name,driver_version --format=csv,noheader</c>.</summary>
    internal static IReadOnlyList<(string Model, string Driver)> ParseNvidiaSmi(string csv) =>
        [.. csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(',', StringSplitOptions.TrimEntries))
            .Where(fields => fields.Length >= 2 && fields[0].Length > 0)
            .Select(fields => (string.Join(",", fields[..^1]), fields[^1]))];

    private static string? OsTypeValue() =>
        OperatingSystem.IsLinux() ? "linux"
        : OperatingSystem.IsWindows() ? "windows"
        : OperatingSystem.IsMacOS() ? "darwin"
        : OperatingSystem.IsFreeBSD() ? "freebsd"
        : null;

    // /proc/meminfo is the machine; GC information (the container's limit, if any) is the fallback elsewhere.
    private static long TotalMemory(EnvironmentSources sources) =>
        (sources.ReadFile("/proc/meminfo") is { } meminfo ? ParseMemTotal(meminfo) : null)
        ?? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    private static void AddGpus(ResourceAttributes attributes, string nvidiaSmi)
    {
        // A PATH lookup first, so machines without NVIDIA drivers pay no process start.
        if (ExternalCommand.Find(nvidiaSmi) is not { } executable)
        {
            return;
        }

        var output = ExternalCommand.Run(executable, ["--query-gpu=name,driver_version", "--format=csv,noheader"], AppContext.BaseDirectory, GpuQueryTimeout);
        var gpus = output is null ? [] : ParseNvidiaSmi(Encoding.UTF8.GetString(output));
        if (gpus.Count > 0)
        {
            attributes.Add(GpuModel, gpus[0].Model);
            attributes.Add(GpuDriver, gpus[0].Driver);
            attributes.Add(GpuCount, gpus.Count);
        }
    }

    private static string? Field(string text, string name)
    {
        foreach (var line in text.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line.AsSpan(0, colon).Trim().Equals(name, StringComparison.Ordinal))
            {
                return line[(colon + 1)..].Trim();
            }
        }

        return null;
    }
}
