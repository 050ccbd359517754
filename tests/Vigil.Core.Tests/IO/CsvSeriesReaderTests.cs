using Vigil.IO;

namespace Vigil.Core.Tests.IO;

public sealed class CsvSeriesReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-csv-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteFile(string content, string name = "series.csv")
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void ReadsNabStyleFileInFileOrderWithInvariantCulture()
    {
        string path = WriteFile("timestamp,value\n2014-07-01 00:00:00,10844\n2014-07-01 00:30:00,8127.5\n2014-07-01 01:00:00,-1e-3\n");
        var series = CsvSeriesReader.Read(path);
        Assert.Equal(3, series.Length);
        Assert.Equal([10844, 8127.5, -0.001], series.Values.ToArray());
        Assert.Equal(new DateTimeOffset(2014, 7, 1, 0, 30, 0, TimeSpan.Zero), series.Timestamps.Span[1]);
        Assert.Equal(TimeSpan.Zero, series.Timestamps.Span[1].Offset);
    }

    [Fact]
    public void FindsColumnsByHeaderNameInAnyOrderAndIgnoresExtraColumns()
    {
        string path = WriteFile("value,extra,Timestamp\r\n1.5,x,2020-01-01T00:00:00Z\r\n2.5,y,2020-01-01T00:05:00Z\r\n");
        var series = CsvSeriesReader.Read(path);
        Assert.Equal([1.5, 2.5], series.Values.ToArray());
    }

    [Fact]
    public void KeepsRepeatedAndBackwardTimestampsInFileOrderWhenAsked()
    {
        string path = WriteFile("timestamp,value\n2014-01-01 02:00:00,1\n2014-01-01 01:00:00,2\n2014-01-01 01:00:00,3\n");
        var series = CsvSeriesReader.Read(path, CsvReadOptions.Nab);
        Assert.Equal([1.0, 2.0, 3.0], series.Values.ToArray());
    }

    [Theory]
    [InlineData("timestamp,value\n2014-01-01 02:00:00,1\n2014-01-01 01:00:00,2\n", 3, "goes backwards")]
    [InlineData("timestamp,value\n2014-01-01 02:00:00,1\n2014-01-01 02:00:00,2\n", 3, "repeats")]
    [InlineData("timestamp,value\n2014-01-01 00:00:00,1\n2014-01-01 01:00:00,NaN\n", 3, "not a finite number")]
    [InlineData("timestamp,value\n2014-01-01 00:00:00,nan\n", 2, "not a finite number")]
    [InlineData("timestamp,value\n2014-01-01 00:00:00,inf\n", 2, "not a finite number")]
    [InlineData("timestamp,value\n2014-01-01 00:00:00,1\n2014-01-01 01:00:00,1,5\n2014-01-01 02:00:00\n", 4, "malformed row")]
    [InlineData("timestamp,value\n2014-01-01 00:00:00,\n", 2, "empty value")]
    [InlineData("timestamp,value\n2014-01-01 00:00:00,1,2\nnot a date,3\n", 3, "cannot parse timestamp")]
    [InlineData("timestamp,value\n2014-01-01 00:00:00,1\n2014-01-01 01:00:00,1;5\n", 3, "cannot parse value")]
    [InlineData("time,value\n2014-01-01 00:00:00,1\n", 1, "missing column 'timestamp'")]
    [InlineData("timestamp,value\n", 0, "no data rows")]
    [InlineData("", 0, "empty file")]
    public void BadInputNamesFileAndLine(string content, int line, string problem)
    {
        string path = WriteFile(content);
        var ex = Assert.Throws<SeriesFormatException>(() => CsvSeriesReader.Read(path));
        Assert.Equal(line, ex.Line);
        Assert.Contains(problem, ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFileIsFileNotFoundNamingThePath()
    {
        string path = Path.Combine(_dir, "absent.csv");
        var ex = Assert.Throws<FileNotFoundException>(() => CsvSeriesReader.Read(path));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsGapsLongerThanAllowedWhenAsked()
    {
        string path = WriteFile("timestamp,value\n2014-01-01 00:00:00,1\n2014-01-01 00:05:00,2\n2014-01-01 03:00:00,3\n");
        var options = new CsvReadOptions { Gaps = GapPolicy.Reject, MaxGap = TimeSpan.FromMinutes(10) };
        var ex = Assert.Throws<SeriesFormatException>(() => CsvSeriesReader.Read(path, options));
        Assert.Equal(4, ex.Line);
        Assert.Equal(3, CsvSeriesReader.Read(path).Length);
    }

    [Fact]
    public void StreamsObservationsLazilyAndFailsOnlyWhenReachingTheBadRow()
    {
        string path = WriteFile("timestamp,value\n2014-01-01 00:00:00,1\n2014-01-01 01:00:00,2\n2014-01-01 02:00:00,oops\n");
        var first = CsvSeriesReader.ReadObservations(path).Take(2).ToList();
        Assert.Equal(2, first.Count);
        Assert.Throws<SeriesFormatException>(() => CsvSeriesReader.ReadObservations(path).ToList());
    }
}
