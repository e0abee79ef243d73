using KubeSharp.Node.Runtime.Runc;

namespace KubeSharp.Node.Runtime;

public sealed partial class RuncRuntime
{
    public async Task AttachAsync(string containerId, AttachRequest request, CancellationToken cancellationToken)
    {
        var record = await GetRecordAsync(containerId, cancellationToken);
        if (ContainerStateReader.Read(_layout, record).State != ContainerState.Running)
            throw new InvalidOperationException($"container {containerId} is not running");
        // The pump starts before the process and is the only reader of its output, so a running container has one.
        if (!_logPumps.TryGetValue(containerId, out var pump))
            throw new InvalidOperationException($"container {containerId} has no output to attach to");
        await new RuncAttach(_layout, _time).RunAsync(record, pump.Tap, request, cancellationToken);
    }
}
