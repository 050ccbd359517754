using Vigil.Detectors.ContextOse;
using Xunit;

namespace Vigil.Detectors.Tests.ContextOse;

/// <summary>Iteration order of CPython 2.7 dicts with small int keys, worked out from the C implementation.</summary>
public sealed class Python2IntDictTests
{
    private static List<int> Keys(Python2IntDict dict)
    {
        var keys = new List<int>();
        for (int slot = 0; slot < dict.SlotCount; slot++)
        {
            if (dict.KeyAt(slot) >= 0)
            {
                keys.Add(dict.KeyAt(slot));
            }
        }

        return keys;
    }

    [Fact]
    public void CollidingKeyProbesToTheNextFreeSlot()
    {
        // 8 slots: 8 goes to slot 8 & 7 = 0; 0 collides there and probes i = 5*0 + 0 + 1 = 1. Python 2: {8: .., 0: ..}.keys() == [8, 0].
        var dict = new Python2IntDict();
        dict.SetDefault(8, 100);
        dict.SetDefault(0, 101);
        Assert.Equal([8, 0], Keys(dict));
    }

    [Fact]
    public void PerturbationDecidesTheProbeSequence()
    {
        // 8 then 16: slot 0 taken; i = 5*0 + 16 + 1 = 17 → slot 1. Then 24: slot 0 taken; i = 25 → slot 1 taken;
        // perturb = 24 >> 5 = 0, i = 5*25 + 0 + 1 = 126 → slot 6.
        var dict = new Python2IntDict();
        dict.SetDefault(8, 0);
        dict.SetDefault(16, 1);
        dict.SetDefault(24, 2);
        Assert.Equal([8, 16, 24], Keys(dict));
        Assert.Equal(8, dict.KeyAt(0));
        Assert.Equal(16, dict.KeyAt(1));
        Assert.Equal(24, dict.KeyAt(6));
    }

    [Fact]
    public void SixthInsertionGrowsTheTableTo32SlotsAndReordersByKey()
    {
        // In 8 slots 13 takes slot 5; 5 collides there and probes 5*5 + 5 + 1 = 31 → slot 7, so 13 iterates before 5 ...
        var dict = new Python2IntDict();
        foreach (int key in new[] { 13, 5, 3, 2, 1 })
        {
            dict.SetDefault(key, key);
        }

        Assert.Equal(8, dict.SlotCount);
        Assert.Equal([1, 2, 3, 13, 5], Keys(dict));
        // ... until the 6th key (40 → slot 0) makes 3 * 6 >= 2 * 8: the table grows to the smallest power of two above
        // 4 * 6 = 24, i.e. 32, and every key lands in slot key & 31.
        dict.SetDefault(40, 40);
        Assert.Equal(32, dict.SlotCount);
        Assert.Equal([1, 2, 3, 5, 40, 13], Keys(dict)); // 40 & 31 = 8
    }

    [Fact]
    public void SetDefaultKeepsTheFirstValue()
    {
        var dict = new Python2IntDict();
        Assert.Equal(7, dict.SetDefault(3, 7));
        Assert.Equal(7, dict.SetDefault(3, 9));
        Assert.Equal(1, dict.Count);
    }

    [Fact]
    public void StateRoundTripKeepsTheSlotLayout()
    {
        var dict = new Python2IntDict();
        foreach (int key in new[] { 8, 0, 16, 3, 11, 19, 27 })
        {
            dict.SetDefault(key, key * 10);
        }

        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            dict.WriteState(writer);
        }

        buffer.Position = 0;
        using var reader = new BinaryReader(buffer);
        var copy = Python2IntDict.ReadState(reader);
        Assert.Equal(Keys(dict), Keys(copy));
        Assert.Equal(dict.SlotCount, copy.SlotCount);
        Assert.Equal(dict.SetDefault(35, 1), copy.SetDefault(35, 1));
        Assert.Equal(Keys(dict), Keys(copy));
    }
}
