namespace KubeSharp.Controllers.CronJob.Cron;

/// <summary>A schedule that is not valid cron syntax; the message is worded as upstream's parser words it.</summary>
public sealed class CronFormatException(string message) : FormatException(message);
