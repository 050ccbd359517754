namespace Vigil.IO;

/// <summary>What a reader does when timestamps repeat or go backwards.</summary>
public enum TimestampOrder
{
    /// <summary>Reject: a repeated or backward timestamp is an error naming the file and line.</summary>
    Strict,

    /// <summary>Keep rows in file order as they are (NAB's corpus needs this: scoring is by row index).</summary>
    FileOrder,
}
