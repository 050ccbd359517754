using Vigil.Tuning.Space;

namespace Vigil.Tuning.Samplers;

/// <summary>
/// The continuous space numeric parameters are modelled in: the logarithm for log ranges, and for integers the range
/// widened by half a step on each side so that every integer owns an interval of equal width.
/// </summary>
internal static class TransformedBounds
{
    public static (double Low, double High) Of(ParameterDistribution p) => p switch
    {
        IntDistribution i => i.Log
            ? (Math.Log(i.Low - 0.5), Math.Log(i.High + 0.5))
            : (i.Low - (0.5 * i.Step), i.High + (0.5 * i.Step)),
        FloatDistribution f => f.Log ? (Math.Log(f.Low), Math.Log(f.High)) : (f.Low, f.High),
        _ => throw new ArgumentException($"'{p.Name}' is categorical.", nameof(p)),
    };

    public static double Forward(ParameterDistribution p, double internalValue) => p switch
    {
        IntDistribution { Log: true } or FloatDistribution { Log: true } => Math.Log(internalValue),
        _ => internalValue,
    };

    public static double Back(ParameterDistribution p, double transformed) => p switch
    {
        IntDistribution i => i.Round(i.Log ? Math.Exp(transformed) : transformed),
        FloatDistribution f => f.Snap(f.Log ? Math.Exp(transformed) : transformed),
        _ => throw new ArgumentException($"'{p.Name}' is categorical.", nameof(p)),
    };
}
