using System.Diagnostics;
using System.Diagnostics.Tracing;

namespace MlePrep.Bench;

/// <summary>
/// This process's GC pauses, from the runtime's own events, on the Stopwatch clock. Where the emulator runs in this
/// process, a pause of its heap stops its clock-stamping and sending too, so samples caught in one are the harness's
/// latency, not the bot's; this tells them apart.
/// </summary>
internal sealed class GcPauses : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    // EventListener delivers runtime events late, with a DateTime stamp; this pair maps that stamp onto the Stopwatch.
    private readonly DateTime _anchorTime = DateTime.UtcNow;
    private readonly long _anchorTimestamp = Stopwatch.GetTimestamp();
    private readonly List<(long Start, long End)> _pauses = [];
    private long? _suspended;

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Informational, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        switch (eventData.EventName)
        {
            case "GCSuspendEEBegin_V1":
                _suspended = ToTimestamp(eventData.TimeStamp);
                break;
            case "GCRestartEEEnd_V1" when _suspended is { } start:
                lock (_pauses)
                {
                    _pauses.Add((start, ToTimestamp(eventData.TimeStamp)));
                }
                _suspended = null;
                break;
        }
    }

    /// <summary>Whether a pause overlapped the interval (both Stopwatch timestamps).</summary>
    public bool Overlaps(long from, long to)
    {
        lock (_pauses)
        {
            return _pauses.Any(p => p.Start < to && p.End > from);
        }
    }

    private long ToTimestamp(DateTime time) =>
        _anchorTimestamp + (long)((time.ToUniversalTime() - _anchorTime).TotalSeconds * Stopwatch.Frequency);
}
