namespace Otel.Tracking.Serving;

/// <summary>
/// A feature or output of the served model, resolved by name once (<see cref="PredictionRecorder.Feature"/>,
/// <see cref="PredictionRecorder.Prediction"/>) so that recording looks nothing up. The default slot, and the slot of a
/// name the baseline does not have, record nothing.
/// </summary>
public readonly struct ServingSlot : IEquatable<ServingSlot>
{
    // Index + 1, so that default(ServingSlot) is the unknown slot.
    private readonly int _slot;

    internal ServingSlot(int index) => _slot = index + 1;

    /// <summary>Whether the baseline has this name: values recorded through an unknown slot are counted and dropped.</summary>
    public bool IsKnown => _slot > 0;

    internal int Index => _slot - 1;

    public static bool operator ==(ServingSlot left, ServingSlot right) => left.Equals(right);

    public static bool operator !=(ServingSlot left, ServingSlot right) => !left.Equals(right);

    public bool Equals(ServingSlot other) => _slot == other._slot;

    public override bool Equals(object? obj) => obj is ServingSlot other && Equals(other);

    public override int GetHashCode() => _slot;
}
