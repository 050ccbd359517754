using Vigil.Detectors.Artime;
using Xunit;

namespace Vigil.Detectors.Tests.Artime;

public sealed class HaarTransformTests
{
    private static double[] Transform(double[] x)
    {
        var haar = new HaarTransform(x.Length);
        var y = new double[x.Length];
        haar.Forward(x, y, new double[x.Length / 2]);
        return y;
    }

    [Fact]
    public void CoefficientIsTheNormalisedTabulatedValue()
    {
        // Wavelets.jl tabulates 0.7071067811865475; dividing by its 2-norm (0.9999999999999999) gives the double nearest 1/√2.
        Assert.Equal(0.7071067811865476, HaarTransform.Coefficient);
        Assert.Equal(Math.Sqrt(0.5), HaarTransform.Coefficient);
    }

    [Fact]
    public void ImpulseGivesTheScalingThenDetailsCoarsestFirst()
    {
        double h = HaarTransform.Coefficient;
        double[] y = Transform([1, 0, 0, 0, 0, 0, 0, 0]);

        // Level 1: scaling [h,0,0,0], details [−h,0,0,0]; level 2: [h², 0] and [−h², 0]; level 3: h³ and −h³.
        double[] expected = [h * h * h, -(h * h * h), -(h * h), 0, -h, 0, 0, 0];
        Assert.Equal(expected, y);
    }

    [Fact]
    public void DetailIsSecondMinusFirst()
    {
        double h = HaarTransform.Coefficient;
        double[] y = Transform([0, 1, 2, 3, 4, 5, 6, 7]);
        for (int k = 4; k < 8; k++)
        {
            Assert.Equal(h, y[k], 14);   // (−h)·2k + h·(2k+1) = h, up to the rounding of the products
        }

        Assert.Equal(28 / Math.Sqrt(8), y[0], 12);         // the scaling coefficient is the sum over √8
        Assert.Equal(16 / Math.Sqrt(8), y[1], 12);         // coarsest detail: (sum of the second half − first half) / √8
        Assert.Equal(2.0, y[2], 12);                       // level 2 on [h, 5h, 9h, 13h]: h·(5h − h) = 4h² = 2
        Assert.Equal(y[2], y[3], 12);
    }

    [Fact]
    public void TransformIsOrthonormal()
    {
        double[] x = [0.3, 0.1, 0.9, 0.4, 0.4, 0.0, 1.0, 0.25];
        double[] y = Transform(x);
        Assert.Equal(x.Sum(v => v * v), y.Sum(v => v * v), 12);
    }

    [Fact]
    public void ConstantInputHasOnlyAScalingCoefficient()
    {
        double[] y = Transform([0.5, 0.5, 0.5, 0.5]);
        Assert.Equal(1.0, y[0], 15);
        Assert.All(y[1..], d => Assert.Equal(0.0, d));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(6)]
    public void LengthMustBeAPowerOfTwo(int length) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new HaarTransform(length));
}
