using KubeSharp.Api.Model.Batch;
using KubeSharp.Api.Model.Core;

namespace KubeSharp.Controllers.CronJob;

/// <summary>A cron job's status while one sync changes it, remembering whether anything did.</summary>
sealed class CronJobStatusDraft(CronJobStatus? status)
{
    readonly List<ObjectReference> _active = [.. status?.Active ?? []];
    DateTimeOffset? _lastSchedule = status?.LastScheduleTime;
    DateTimeOffset? _lastSuccess = status?.LastSuccessfulTime;

    public bool Changed { get; private set; }

    public IReadOnlyList<ObjectReference> Active => _active;

    public DateTimeOffset? LastScheduleTime
    {
        get => _lastSchedule;
        set { Changed |= _lastSchedule != value; _lastSchedule = value; }
    }

    public DateTimeOffset? LastSuccessfulTime
    {
        get => _lastSuccess;
        set { Changed |= _lastSuccess != value; _lastSuccess = value; }
    }

    public bool IsActive(string? uid) => _active.Any(r => r.UID == uid);

    public void AddActive(ObjectReference reference)
    {
        _active.Add(reference);
        Changed = true;
    }

    public void RemoveActive(string? uid)
    {
        if (_active.RemoveAll(r => r.UID == uid) > 0) Changed = true;
    }

    public CronJobStatus ToStatus() => new()
    {
        Active = _active.Count > 0 ? [.. _active] : null,
        LastScheduleTime = _lastSchedule,
        LastSuccessfulTime = _lastSuccess,
    };
}
