using System.Text.Json.Nodes;
using KubeSharp.Api.Model;
using KubeSharp.Controllers.Job;
using KubeSharp.Controllers.Tests.Fakes;
using static KubeSharp.Controllers.Tests.Fakes.BatchObjects;

namespace KubeSharp.Controllers.Tests.CronJob;

public sealed class CronJobControllerTests : IAsyncLifetime
{
    static readonly DateTimeOffset Start = new(2025, 1, 1, 10, 0, 0, TimeSpan.Zero);
    BatchHarness _h = null!;

    public async Task InitializeAsync() => _h = await BatchHarness.StartAsync(Start);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    static JsonObject CronJob(string name, string schedule, string policy = "Allow", bool suspend = false, long? deadline = null,
        int successfulHistory = 3, int failedHistory = 1, string? timeZone = null)
    {
        var spec = new JsonObject
        {
            ["schedule"] = schedule,
            ["concurrencyPolicy"] = policy,
            ["suspend"] = suspend,
            ["successfulJobsHistoryLimit"] = successfulHistory,
            ["failedJobsHistoryLimit"] = failedHistory,
            ["jobTemplate"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = "report" } },
                ["spec"] = new JsonObject
                {
                    ["template"] = new JsonObject
                    {
                        ["spec"] = new JsonObject
                        {
                            ["restartPolicy"] = "OnFailure",
                            ["containers"] = new JsonArray(new JsonObject { ["name"] = "main", ["image"] = "busybox" }),
                        },
                    },
                },
            },
        };
        if (deadline is { } d) spec["startingDeadlineSeconds"] = d;
        if (timeZone is not null) spec["timeZone"] = timeZone;
        return new JsonObject
        {
            ["apiVersion"] = "batch/v1",
            ["kind"] = "CronJob",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = Ns },
            ["spec"] = spec,
        };
    }

    async Task CreateAsync(JsonObject cj) => await _h.Api.CreateAsync(BatchNames.CronJobs, Ns, cj);

    JsonObject CronJobNow(string name) => _h.Api.Get(BatchNames.CronJobs, Ns, name)!;

    IReadOnlyList<JsonObject> Jobs() => _h.Api.All(BatchNames.Jobs, Ns);

    static string MinuteName(string cj, DateTimeOffset t) => $"{cj}-{t.ToUnixTimeSeconds() / 60}";

    async Task FinishAsync(string job, string type, DateTimeOffset at)
    {
        var obj = _h.Api.Get(BatchNames.Jobs, Ns, job)!;
        obj["status"] = new JsonObject
        {
            ["startTime"] = KubeJson.FormatTime(at.AddSeconds(-5)),
            ["conditions"] = new JsonArray(new JsonObject { ["type"] = type, ["status"] = "True", ["lastTransitionTime"] = KubeJson.FormatTime(at) }),
        };
        if (type == "Complete") obj["status"]!["completionTime"] = KubeJson.FormatTime(at);
        await _h.Api.UpdateAsync(BatchNames.Jobs, Ns, obj, "status");
    }

    [Fact]
    public async Task ARunIsStartedAtEachScheduledMinuteWithADeterministicNameAndOwner()
    {
        await CreateAsync(CronJob("report", "*/1 * * * *"));
        await _h.SyncCronJobAsync(Ns, "report");
        Assert.Empty(Jobs()); // created at 10:00:00; the first run is 10:01

        _h.Clock.Advance(TimeSpan.FromMinutes(1));
        await _h.SyncCronJobAsync(Ns, "report");
        var job = Assert.Single(Jobs());
        var due = Start.AddMinutes(1);
        Assert.Equal(MinuteName("report", due), Name(job));
        Assert.Equal("2025-01-01T10:01:00Z", (string?)job["metadata"]!["annotations"]![BatchNames.CronJobScheduledTimestamp]);
        Assert.Equal("report", (string?)job["metadata"]!["labels"]!["app"]);
        var owner = job["metadata"]!["ownerReferences"]![0]!;
        Assert.Equal("CronJob", (string?)owner["kind"]);
        Assert.True((bool)owner["controller"]!);
        Assert.Equal("OnFailure", (string?)job["spec"]!["template"]!["spec"]!["restartPolicy"]);

        var cj = CronJobNow("report");
        Assert.Equal("2025-01-01T10:01:00Z", (string?)cj["status"]!["lastScheduleTime"]);
        Assert.Equal(Name(job), (string?)cj["status"]!["active"]![0]!["name"]);
        Assert.Single(await _h.EventsAsync("SuccessfulCreate"));

        // Syncing again in the same minute creates nothing more.
        await _h.SyncCronJobAsync(Ns, "report");
        Assert.Single(Jobs());

        await FinishAsync(Name(job), "Complete", Start.AddMinutes(1).AddSeconds(20));
        await _h.SyncCronJobAsync(Ns, "report");
        cj = CronJobNow("report");
        Assert.Null(cj["status"]!["active"]);
        Assert.Equal("2025-01-01T10:01:20Z", (string?)cj["status"]!["lastSuccessfulTime"]);
        Assert.Single(await _h.EventsAsync("SawCompletedJob"));
    }

    [Fact]
    public async Task ForbidSkipsARunWhileOneIsActive()
    {
        await CreateAsync(CronJob("solo", "*/1 * * * *", policy: "Forbid"));
        _h.Clock.Advance(TimeSpan.FromMinutes(1));
        await _h.SyncCronJobAsync(Ns, "solo");
        _h.Clock.Advance(TimeSpan.FromMinutes(1));
        await _h.SyncCronJobAsync(Ns, "solo");
        Assert.Single(Jobs());
        Assert.Single(await _h.EventsAsync("JobAlreadyActive"));
    }

    [Fact]
    public async Task ReplaceDeletesTheRunningJobAndStartsTheNewOne()
    {
        await CreateAsync(CronJob("fresh", "*/1 * * * *", policy: "Replace"));
        _h.Clock.Advance(TimeSpan.FromMinutes(1));
        await _h.SyncCronJobAsync(Ns, "fresh");
        _h.Clock.Advance(TimeSpan.FromMinutes(1));
        await _h.SyncCronJobAsync(Ns, "fresh");
        var job = Assert.Single(Jobs());
        Assert.Equal(MinuteName("fresh", Start.AddMinutes(2)), Name(job));
        var active = (JsonArray)CronJobNow("fresh")["status"]!["active"]!;
        Assert.Equal(Name(job), (string?)Assert.Single(active)!["name"]);
    }

    [Fact]
    public async Task AllowRunsConcurrently()
    {
        await CreateAsync(CronJob("many", "*/1 * * * *"));
        for (var i = 0; i < 2; i++)
        {
            _h.Clock.Advance(TimeSpan.FromMinutes(1));
            await _h.SyncCronJobAsync(Ns, "many");
        }
        Assert.Equal(2, Jobs().Count);
        Assert.Equal(2, ((JsonArray)CronJobNow("many")["status"]!["active"]!).Count);
    }

    [Fact]
    public async Task ASuspendedCronJobStartsNothing()
    {
        await CreateAsync(CronJob("paused", "*/1 * * * *", suspend: true));
        _h.Clock.Advance(TimeSpan.FromMinutes(5));
        await _h.SyncCronJobAsync(Ns, "paused");
        Assert.Empty(Jobs());
    }

    [Fact]
    public async Task OnlyTheMostRecentMissedRunStartsAndOnlyWithinTheStartingDeadline()
    {
        await CreateAsync(CronJob("late", "0 * * * *", deadline: 600));
        // 11:00 was missed; at 11:20 it is more than 600 s late.
        _h.Clock.Advance(TimeSpan.FromMinutes(80));
        await _h.SyncCronJobAsync(Ns, "late");
        Assert.Empty(Jobs());

        await CreateAsync(CronJob("tardy", "*/5 * * * *"));
        _h.Clock.Advance(TimeSpan.FromMinutes(12)); // 11:32: 11:25 and 11:30 were missed since creation at 11:20
        await _h.SyncCronJobAsync(Ns, "tardy");
        var job = Assert.Single(Jobs());
        Assert.Equal(MinuteName("tardy", Start.AddMinutes(90)), Name(job));
    }

    [Fact]
    public async Task MoreThanAHundredMissedRunsStartNothingAndWarn()
    {
        await CreateAsync(CronJob("asleep", "*/1 * * * *"));
        _h.Clock.Advance(TimeSpan.FromMinutes(150));
        await _h.SyncCronJobAsync(Ns, "asleep");
        Assert.Empty(Jobs());
        var warning = Assert.Single(await _h.EventsAsync("TooManyMissedTimes"));
        Assert.Equal("Warning", (string?)warning["type"]);

        // A starting deadline bounds how far back runs are counted, so it runs again.
        var cj = CronJobNow("asleep");
        cj["spec"]!["startingDeadlineSeconds"] = 300;
        await _h.Api.UpdateAsync(BatchNames.CronJobs, Ns, cj);
        await _h.SyncCronJobAsync(Ns, "asleep");
        Assert.Single(Jobs());
    }

    [Fact]
    public async Task TheTimeZoneDecidesWhenADailyRunHappens()
    {
        await CreateAsync(CronJob("tokyo", "0 0 * * *", timeZone: "Asia/Tokyo"));
        _h.Clock.Set(new DateTimeOffset(2025, 1, 1, 14, 59, 0, TimeSpan.Zero));
        await _h.SyncCronJobAsync(Ns, "tokyo");
        Assert.Empty(Jobs());
        _h.Clock.Advance(TimeSpan.FromMinutes(1)); // 00:00 in Tokyo
        await _h.SyncCronJobAsync(Ns, "tokyo");
        var job = Assert.Single(Jobs());
        Assert.Equal("2025-01-02T00:00:00+09:00", (string?)job["metadata"]!["annotations"]![BatchNames.CronJobScheduledTimestamp]);
    }

    [Fact]
    public async Task FinishedJobsBeyondTheHistoryLimitsAreDeletedOldestFirst()
    {
        await CreateAsync(CronJob("history", "*/1 * * * *", successfulHistory: 1, failedHistory: 1));
        var names = new List<string>();
        for (var i = 1; i <= 4; i++)
        {
            _h.Clock.Advance(TimeSpan.FromMinutes(1));
            await _h.SyncCronJobAsync(Ns, "history");
            var name = MinuteName("history", Start.AddMinutes(i));
            names.Add(name);
            await FinishAsync(name, i == 2 ? "Failed" : "Complete", Start.AddMinutes(i).AddSeconds(10));
        }
        await _h.SyncCronJobAsync(Ns, "history");
        Assert.Equal([names[1], names[3]], Jobs().Select(Name).Order().ToList());
        Assert.Equal(2, (await _h.EventsAsync("SuccessfulDelete", 2)).Count);
    }

    [Fact]
    public async Task AnUnparseableScheduleIsReportedAndStartsNothing()
    {
        await CreateAsync(CronJob("broken", "61 * * * *"));
        _h.Clock.Advance(TimeSpan.FromMinutes(2));
        await _h.SyncCronJobAsync(Ns, "broken");
        Assert.Empty(Jobs());
        Assert.Contains("end of range (61) above maximum (59)", (string?)Assert.Single(await _h.EventsAsync("UnparseableSchedule"))["message"]);
    }
}
