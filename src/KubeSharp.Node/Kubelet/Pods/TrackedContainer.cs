namespace KubeSharp.Node.Kubelet.Pods;

/// <summary>A container the runtime holds for a pod (one attempt of one container of the spec).</summary>
internal sealed record TrackedContainer(string Id, string Name, int Attempt, string SandboxId);
