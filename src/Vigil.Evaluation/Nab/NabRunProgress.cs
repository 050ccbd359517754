namespace Vigil.Evaluation.Nab;

/// <summary>How far a NAB run has come.</summary>
/// <param name="FilesDone">Files fully processed and written.</param>
/// <param name="FilesTotal">Files in the run.</param>
/// <param name="RowsDone">Rows scored so far, over all files.</param>
/// <param name="RowsTotal">Rows in the run.</param>
public readonly record struct NabRunProgress(int FilesDone, int FilesTotal, long RowsDone, long RowsTotal);
