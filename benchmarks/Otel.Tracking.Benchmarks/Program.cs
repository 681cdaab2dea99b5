using BenchmarkDotNet.Running;

namespace Otel.Tracking.Benchmarks;

/// <summary>Entry point: <c>dotnet run -c Release --project benchmarks/Otel.Tracking.Benchmarks -- --filter '*'</c>.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, new BenchConfig());
}
