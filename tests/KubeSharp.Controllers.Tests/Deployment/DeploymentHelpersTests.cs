using System.Text.Json.Nodes;
using KubeSharp.Api.Model;
using KubeSharp.Controllers.Deployment;

namespace KubeSharp.Controllers.Tests.Deployment;

public sealed class DeploymentHelpersTests
{
    static JsonObject Template(string image, params (string Key, string Value)[] labels)
    {
        var l = new JsonObject();
        foreach (var (k, v) in labels) l[k] = v;
        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["labels"] = l },
            ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = image }) },
        };
    }

    [Fact]
    public void HashUsesTheSafeAlphabetAndDependsOnContentNotKeyOrder()
    {
        var a = Template("nginx:1.25", ("app", "web"), ("tier", "front"));
        var b = JsonNode.Parse("""{"spec":{"containers":[{"image":"nginx:1.25","name":"app"}]},"metadata":{"labels":{"tier":"front","app":"web"}}}""");
        var hash = PodTemplateHash.Compute(a, null);
        Assert.Equal(hash, PodTemplateHash.Compute(b, null));
        Assert.Matches("^[bcdfghjklmnpqrstvwxz2456789]{1,10}$", hash);
        Assert.NotEqual(hash, PodTemplateHash.Compute(Template("nginx:1.26", ("app", "web"), ("tier", "front")), null));
        Assert.NotEqual(hash, PodTemplateHash.Compute(a, 1));
        Assert.NotEqual(PodTemplateHash.Compute(a, 1), PodTemplateHash.Compute(a, 2));
    }

    [Fact]
    public void SafeEncodingMapsDigitsAsUpstream()
    {
        // '0'..'5' land on the digits of the alphabet, '6'..'9' on its first letters.
        Assert.Equal("456789bcdf", PodTemplateHash.SafeEncode("0123456789"));
    }

    [Fact]
    public void TemplatesCompareEqualIgnoringTheHashLabelAndEmptyMaps()
    {
        var deploymentTemplate = Template("nginx", ("app", "web"));
        var rsTemplate = Template("nginx", ("app", "web"), ("pod-template-hash", "5d4f8"));
        ((JsonObject)rsTemplate["metadata"]!)["annotations"] = new JsonObject();
        Assert.True(PodTemplateHash.EqualIgnoreHash(deploymentTemplate, rsTemplate));
        Assert.False(PodTemplateHash.EqualIgnoreHash(deploymentTemplate, Template("nginx:2", ("app", "web"))));
        Assert.False(PodTemplateHash.EqualIgnoreHash(deploymentTemplate, Template("nginx", ("app", "api"))));
    }

    [Fact]
    public void SurgeRoundsUpAndUnavailabilityRoundsDown()
    {
        Assert.Equal((3, 2), RolloutMath.ResolveFenceposts("25%", "25%", 10));
        Assert.Equal((1, 0), RolloutMath.ResolveFenceposts("10%", "10%", 5));
        Assert.Equal((0, 1), RolloutMath.ResolveFenceposts(0, "10%", 5));
        Assert.Equal((2, 3), RolloutMath.ResolveFenceposts(2, 3, 10));
    }

    static DeploymentState State(int replicas, string maxSurge = "25%", string maxUnavailable = "25%", string type = "RollingUpdate")
    {
        var strategy = new JsonObject { ["type"] = type };
        if (type == "RollingUpdate") strategy["rollingUpdate"] = new JsonObject { ["maxSurge"] = maxSurge, ["maxUnavailable"] = maxUnavailable };
        return new DeploymentState(new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "web", ["namespace"] = "ns", ["generation"] = 1 },
            ["spec"] = new JsonObject { ["replicas"] = replicas, ["strategy"] = strategy },
        });
    }

    [Fact]
    public void NewReplicaSetGrowsWithinTheSurge()
    {
        var d = State(10);
        Assert.Equal(3, RolloutMath.NewRSNewReplicas(d, 10, 0));
        Assert.Equal(5, RolloutMath.NewRSNewReplicas(d, 11, 3));
        Assert.Equal(3, RolloutMath.NewRSNewReplicas(d, 13, 3));
        Assert.Equal(10, RolloutMath.NewRSNewReplicas(d, 9, 8));
        Assert.Equal(10, RolloutMath.NewRSNewReplicas(State(10, type: "Recreate"), 40, 0));
        Assert.Equal(0, RolloutMath.MaxUnavailable(State(0)));
        Assert.Equal(0, RolloutMath.MaxSurge(State(10, type: "Recreate")));
    }

    [Fact]
    public void RevisionAnnotationsCopyDeploymentAnnotationsAndRememberReusedRevisions()
    {
        var deployment = new Dictionary<string, string>
        {
            [RevisionAnnotations.ChangeCause] = "kubectl set image",
            [RevisionAnnotations.Revision] = "7",
            [RevisionAnnotations.LastAppliedConfig] = "{}",
        };
        var created = new Dictionary<string, string>();
        Assert.True(RevisionAnnotations.SetNewReplicaSetAnnotations(deployment, created, 2, exists: false, replicas: 4, maxSurge: 1));
        Assert.Equal("2", created[RevisionAnnotations.Revision]);
        Assert.Equal("kubectl set image", created[RevisionAnnotations.ChangeCause]);
        Assert.Equal("4", created[RevisionAnnotations.DesiredReplicas]);
        Assert.Equal("5", created[RevisionAnnotations.MaxReplicas]);
        Assert.False(created.ContainsKey(RevisionAnnotations.LastAppliedConfig));
        Assert.False(created.ContainsKey(RevisionAnnotations.RevisionHistory));

        // The same template comes back as revision 5: the old number goes into the history.
        Assert.True(RevisionAnnotations.SetNewReplicaSetAnnotations(deployment, created, 5, exists: true, replicas: 4, maxSurge: 1));
        Assert.Equal("5", created[RevisionAnnotations.Revision]);
        Assert.Equal("2", created[RevisionAnnotations.RevisionHistory]);
        Assert.False(RevisionAnnotations.SetNewReplicaSetAnnotations(deployment, created, 5, exists: true, replicas: 4, maxSurge: 1));
    }

    [Fact]
    public void ConditionsKeepTheirTransitionTimeWhileTheStatusHolds()
    {
        var t0 = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var status = new Api.Model.Apps.DeploymentStatus();
        status = DeploymentConditions.Set(status, DeploymentConditions.New("Progressing", "True", "NewReplicaSetCreated", "a", t0));
        status = DeploymentConditions.Set(status, DeploymentConditions.New("Progressing", "True", "NewReplicaSetAvailable", "b", t0.AddMinutes(1)));
        var c = Assert.Single(status.Conditions!);
        Assert.Equal(("NewReplicaSetAvailable", t0, t0.AddMinutes(1)), (c.Reason, c.LastTransitionTime!.Value, c.LastUpdateTime!.Value));
        var same = DeploymentConditions.Set(status, DeploymentConditions.New("Progressing", "True", "NewReplicaSetAvailable", "c", t0.AddMinutes(2)));
        Assert.Same(status, same);
        status = DeploymentConditions.Set(status, DeploymentConditions.New("Progressing", "False", "ProgressDeadlineExceeded", "d", t0.AddMinutes(3)));
        Assert.Equal(t0.AddMinutes(3), status.Conditions![0].LastTransitionTime);
    }
}
