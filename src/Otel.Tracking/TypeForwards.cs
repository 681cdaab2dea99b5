using System.Runtime.CompilerServices;

// MlSemanticConventions moved to Otel.Tracking.Contracts (same namespace, so source compiles unchanged); programs
// built against an older Otel.Tracking.dll still find it.
[assembly: TypeForwardedTo(typeof(Otel.Tracking.MlSemanticConventions))]
