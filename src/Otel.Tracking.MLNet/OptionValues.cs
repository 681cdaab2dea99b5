using System.Globalization;
using System.Reflection;

namespace Otel.Tracking.MLNet;

/// <summary>
/// The public fields and properties of an options object as param values: numbers, booleans, strings and enums as
/// they are, any other object by its type name (a loss function, a calibrator), null values left out.
/// </summary>
internal static class OptionValues
{
    public static IEnumerable<(string Name, object? Value)> Read(object options)
    {
        var type = options.GetType();
        foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public).OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            if (Convert(field.GetValue(options)) is { } value)
            {
                yield return (field.Name, value);
            }
        }

        foreach (var property in type.GetProperties(BindingFlags.Instance | BindingFlags.Public).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            if (property.CanRead && property.GetIndexParameters().Length == 0 && Convert(property.GetValue(options)) is { } value)
            {
                yield return (property.Name, value);
            }
        }
    }

    private static object? Convert(object? value) => value switch
    {
        null => null,
        string or bool or Enum => value,
        sbyte or byte or short or ushort or int or uint or long => System.Convert.ToInt64(value, CultureInfo.InvariantCulture),
        // Through the shortest text of the float, so 0.1f is recorded as 0.1, not 0.10000000149.
        float f => double.Parse(f.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
        double or decimal => System.Convert.ToDouble(value, CultureInfo.InvariantCulture),
        _ => EstimatorSteps.FriendlyName(value.GetType()),
    };
}
