using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace OrleansBank.Benchmarks;

internal static class Program
{
    // In-process toolchain: no child project builds, so it runs where only restored packages are available.
    public static void Main(string[] args)
    {
        if (args is ["--quick"])
        {
            QuickRun.Run();
            return;
        }

        if (args is ["--quick-one", var side, var callerCount, var seconds])
        {
            QuickRun.RunOne(side, int.Parse(callerCount, System.Globalization.CultureInfo.InvariantCulture), double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture));
            return;
        }

        if (args is ["--quick-tracing", .. var ratio])
        {
            TracingQuickRun.Run(ratio is [var r] ? double.Parse(r, System.Globalization.CultureInfo.InvariantCulture) : 0.01);
            return;
        }

        if (args is ["--seed", var gateway, var count, var prefix])
        {
            SeedAccounts.RunAsync(gateway, int.Parse(count, System.Globalization.CultureInfo.InvariantCulture), prefix).GetAwaiter().GetResult();
            return;
        }

        if (args is ["--durable", .. var rest])
        {
            DurableRun.RunAsync(rest.FirstOrDefault()).GetAwaiter().GetResult();
            return;
        }

        if (args is ["--transfers", .. var transferArgs])
        {
            TransfersRun.RunAsync(transferArgs).GetAwaiter().GetResult();
            return;
        }

        if (args is ["--reminders", .. var reminderArgs])
        {
            ReminderLatenessRun.RunAsync(reminderArgs.FirstOrDefault()).GetAwaiter().GetResult();
            return;
        }

        if (args is ["--membership", .. var store])
        {
            MembershipPropagationRun.RunAsync(store.FirstOrDefault()).GetAwaiter().GetResult();
            return;
        }

        if (args is ["--testcluster"])
        {
            TestClusterRun.RunAsync().GetAwaiter().GetResult();
            return;
        }

        if (args is ["--cross-silo"])
        {
            CrossSiloRun.RunAsync().GetAwaiter().GetResult();
            return;
        }

        if (args is ["--gateway-stall", var pid, .. var gateways] && gateways.Length > 0)
        {
            GatewayStallRun.RunAsync(gateways, int.Parse(pid, System.Globalization.CultureInfo.InvariantCulture)).GetAwaiter().GetResult();
            return;
        }

        if (args is ["--metrics", .. var metricsStore])
        {
            MetricsCostRun.RunAsync(metricsStore.FirstOrDefault() ?? "sqlite", metricsStore is [_, "call-path"]).GetAwaiter().GetResult();
            return;
        }

        if (args is ["--obs-cost", .. var obsArgs])
        {
            ObsCostRun.RunAsync(obsArgs).GetAwaiter().GetResult();
            return;
        }

        if (args is ["--dashboard-cost", .. var dashboardArgs])
        {
            DashboardCostRun.RunAsync(dashboardArgs).GetAwaiter().GetResult();
            return;
        }

        if (args is ["--replay", .. var replaySizes])
        {
            ReplayRun.RunAsync(replaySizes).GetAwaiter().GetResult();
            return;
        }

        if (args is ["--storm-probe", .. var probe])
        {
            StormProbe.RunAsync(probe).GetAwaiter().GetResult();
            return;
        }

        if (args is ["--activations", .. var scaleArgs])
        {
            ActivationScaleRun.RunAsync(scaleArgs).GetAwaiter().GetResult();
            return;
        }

        if (args is ["--wire", .. var wireArgs])
        {
            WireRun.RunAsync(wireArgs).GetAwaiter().GetResult();
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(
        args,
        DefaultConfig.Instance.AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithWarmupCount(3)
            .WithIterationCount(10)
            .AsDefault()));
    }
}
