using KubeSharp.Controllers.CronJob.Cron;

namespace KubeSharp.Controllers.Tests.CronJob;

public sealed class CronScheduleTests
{
    static readonly DateTimeOffset Base = new(2025, 1, 1, 10, 7, 30, TimeSpan.Zero); // a Wednesday

    static string Next(string spec, DateTimeOffset after, TimeZoneInfo? zone = null) =>
        CronSchedule.Parse(spec, zone).Next(after)!.Value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss ddd");

    [Theory]
    [InlineData("* * * * *", "2025-01-01 10:08:00 Wed")]
    [InlineData("*/1 * * * *", "2025-01-01 10:08:00 Wed")]
    [InlineData("*/15 * * * *", "2025-01-01 10:15:00 Wed")]
    [InlineData("5 * * * *", "2025-01-01 11:05:00 Wed")]
    [InlineData("0,30 9-17 * * *", "2025-01-01 10:30:00 Wed")]
    [InlineData("10/20 * * * *", "2025-01-01 10:10:00 Wed")]
    [InlineData("0 0 1 * *", "2025-02-01 00:00:00 Sat")]
    [InlineData("0 12 * JAN-MAR MON-FRI", "2025-01-01 12:00:00 Wed")]
    [InlineData("0 12 * feb *", "2025-02-01 12:00:00 Sat")]
    [InlineData("0 0 * * sun", "2025-01-05 00:00:00 Sun")]
    [InlineData("0 0 13 * 5", "2025-01-03 00:00:00 Fri")] // day of month OR day of week when both are restricted
    [InlineData("0 0 */2 * 5", "2025-01-03 00:00:00 Fri")]
    [InlineData("0 0 29 2 *", "2028-02-29 00:00:00 Tue")]
    [InlineData("@hourly", "2025-01-01 11:00:00 Wed")]
    [InlineData("@daily", "2025-01-02 00:00:00 Thu")]
    [InlineData("@midnight", "2025-01-02 00:00:00 Thu")]
    [InlineData("@weekly", "2025-01-05 00:00:00 Sun")]
    [InlineData("@monthly", "2025-02-01 00:00:00 Sat")]
    [InlineData("@yearly", "2026-01-01 00:00:00 Thu")]
    [InlineData("@annually", "2026-01-01 00:00:00 Thu")]
    public void NextFindsTheFollowingMatchingMinute(string spec, string expected) => Assert.Equal(expected, Next(spec, Base));

    [Fact]
    public void DayOfMonthAndDayOfWeekBothMatchWhenEitherIsAStar()
    {
        // "*" day of week: only the 13th; "*" day of month: only Fridays.
        Assert.Equal("2025-01-13 00:00:00 Mon", Next("0 0 13 * *", Base));
        Assert.Equal("2025-01-03 00:00:00 Fri", Next("0 0 * * 5", Base));
        // "*/1" still counts as a star.
        Assert.Equal("2025-01-13 00:00:00 Mon", Next("0 0 13 * */1", Base));
    }

    [Fact]
    public void ExactMatchIsNotItsOwnNext()
    {
        var at = new DateTimeOffset(2025, 1, 1, 10, 0, 0, TimeSpan.Zero);
        Assert.Equal("2025-01-01 10:01:00 Wed", Next("* * * * *", at));
    }

    [Fact]
    public void SchedulesAreReadInTheirTimeZone()
    {
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        Assert.Equal("2025-01-01 15:00:00 Wed", Next("0 0 * * *", Base, tokyo)); // 00:00 JST
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        // 9:00 local is 14:00 UTC in winter and 13:00 UTC in summer.
        Assert.Equal("2025-01-01 14:00:00 Wed", Next("0 9 * * *", Base, newYork));
        Assert.Equal("2025-07-01 13:00:00 Tue", Next("0 9 * * *", new DateTimeOffset(2025, 7, 1, 0, 0, 0, TimeSpan.Zero), newYork));
        // 02:30 does not exist on 9 March 2025 in New York; the next day's is taken.
        Assert.Equal("2025-03-10 06:30:00 Mon", Next("30 2 * * *", new DateTimeOffset(2025, 3, 9, 0, 0, 0, TimeSpan.Zero), newYork));
    }

    [Fact]
    public void EveryRunsAtAFixedInterval()
    {
        Assert.Equal("2025-01-01 10:37:30 Wed", Next("@every 30m", Base));
        Assert.Equal("2025-01-01 11:37:35 Wed", Next("@every 1h30m5s", Base));
    }

    [Fact]
    public void ImpossibleDatesNeverFire() => Assert.Null(CronSchedule.Parse("0 0 30 2 *").Next(Base));

    [Theory]
    [InlineData("", "empty spec string")]
    [InlineData("* * * *", "expected exactly 5 fields, found 4: [* * * *]")]
    [InlineData("* * * * * *", "expected exactly 5 fields, found 6: [* * * * * *]")]
    [InlineData("60 * * * *", "end of range (60) above maximum (59): 60")]
    [InlineData("* 24 * * *", "end of range (24) above maximum (23): 24")]
    [InlineData("* * 0 * *", "beginning of range (0) below minimum (1): 0")]
    [InlineData("* * * 13 *", "end of range (13) above maximum (12): 13")]
    [InlineData("* * * * 7", "end of range (7) above maximum (6): 7")]
    [InlineData("5-1 * * * *", "beginning of range (5) beyond end of range (1): 5-1")]
    [InlineData("*/0 * * * *", "step of range should be a positive number: */0")]
    [InlineData("1/2/3 * * * *", "too many slashes: 1/2/3")]
    [InlineData("1-2-3 * * * *", "too many hyphens: 1-2-3")]
    [InlineData("x * * * *", "failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax")]
    [InlineData("* * * foo *", "failed to parse int from foo: strconv.Atoi: parsing \"foo\": invalid syntax")]
    [InlineData("@fortnightly", "unrecognized descriptor: @fortnightly")]
    [InlineData("@every forever", "failed to parse duration @every forever: time: invalid duration \"forever\"")]
    [InlineData("TZ=UTC * * * * *", "cannot use TZ or CRON_TZ in schedule, use timeZone field instead")]
    [InlineData("CRON_TZ=Asia/Tokyo 0 0 * * *", "cannot use TZ or CRON_TZ in schedule, use timeZone field instead")]
    public void InvalidSchedulesAreRefusedWithUpstreamsWording(string spec, string error)
    {
        Assert.False(CronSchedule.TryParse(spec, null, out _, out var message));
        Assert.Equal(error, message);
    }
}
