using Prometheus;

namespace Relay.Api.Metrics;

/// <summary>
/// .NET runtime figures beside prometheus-net's <c>process_*</c> and <c>dotnet_*</c> defaults, read at each scrape
/// from the runtime's own counters: thread pool, GC pauses and heap, allocations, lock contention.
/// </summary>
internal sealed class RuntimeMetrics
{
    private readonly Gauge _threads;
    private readonly Gauge _queued;
    private readonly Counter _completed;
    private readonly Counter _pause;
    private readonly Gauge _heap;
    private readonly Counter _allocated;
    private readonly Counter _contention;

    public RuntimeMetrics(IMetricFactory factory)
    {
        _threads = factory.CreateGauge("dotnet_threadpool_threads", "Thread pool threads.");
        _queued = factory.CreateGauge("dotnet_threadpool_queue_length", "Work items queued to the thread pool, not yet started.");
        _completed = factory.CreateCounter("dotnet_threadpool_completed_items_total", "Work items the thread pool has completed.");
        _pause = factory.CreateCounter("dotnet_gc_pause_seconds_total", "Time the runtime was paused for garbage collection.");
        _heap = factory.CreateGauge("dotnet_gc_heap_size_bytes", "Size of the GC heap after the last collection.");
        _allocated = factory.CreateCounter("dotnet_gc_allocated_bytes_total", "Bytes allocated on the GC heap.");
        _contention = factory.CreateCounter("dotnet_monitor_lock_contentions_total", "Times a thread waited for a contended lock.");
    }

    /// <summary>Reads every figure now; called before each scrape.</summary>
    public void Collect()
    {
        _threads.Set(ThreadPool.ThreadCount);
        _queued.Set(ThreadPool.PendingWorkItemCount);
        _completed.IncTo(ThreadPool.CompletedWorkItemCount);
        _pause.IncTo(GC.GetTotalPauseDuration().TotalSeconds);
        _heap.Set(GC.GetGCMemoryInfo().HeapSizeBytes);
        _allocated.IncTo(GC.GetTotalAllocatedBytes());
        _contention.IncTo(Monitor.LockContentionCount);
    }
}
