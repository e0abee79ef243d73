using KubeSharp.Api.Resources;
using KubeSharp.Controllers.Job;

namespace KubeSharp.Controllers.Tests.Job;

public sealed class JobPartsTests
{
    [Theory]
    [InlineData("", 10, "", 0)]
    [InlineData("1,3-5,7", 10, "1,3-5,7", 5)]
    [InlineData("3,1,2", 10, "1-3", 3)]
    [InlineData("0-4,8-12", 10, "0-4,8,9", 7)]
    [InlineData("x,2,5-3", 10, "2", 1)]
    public void IndexSetsParseAndPrintInRangeForm(string text, int completions, string expected, int total)
    {
        var set = IndexSet.Parse(text, completions);
        Assert.Equal(expected, set.ToString());
        Assert.Equal(total, set.Total);
    }

    [Fact]
    public void IndexSetsMergeNewIndexes()
    {
        var set = IndexSet.Parse("0,2", 5).With([1, 4]);
        Assert.Equal("0-2,4", set.ToString());
        Assert.True(set.Contains(4));
        Assert.False(set.Contains(3));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    [InlineData(6, 320)]
    [InlineData(7, 360)]
    [InlineData(30, 360)]
    public void BackoffStartsAtTenSecondsAndDoublesUpToSixMinutes(int failures, int seconds)
    {
        var last = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var record = new BackoffRecord(new NamespacedName("ns", "j"), failures, failures > 0 ? last : null);
        Assert.Equal(TimeSpan.FromSeconds(seconds), record.RemainingTime(last));
        Assert.Equal(TimeSpan.FromSeconds(Math.Max(0, seconds - 5)), record.RemainingTime(last.AddSeconds(5)));
    }

    [Fact]
    public void LongJobNamesAreCutSoGeneratedPodNamesFit()
    {
        Assert.Equal("pi-3-", JobPodFactory.GenerateNameWithIndex("pi", 3));
        var name = JobPodFactory.GenerateNameWithIndex(new string('a', 60), 12);
        Assert.Equal(58, name.Length);
        Assert.EndsWith("a-12-", name);
    }
}
