using System.Collections;
using System.Globalization;

namespace MlePrep.Bot;

/// <summary>
/// The ids a log line is about, as a logging scope: a console logger with scopes on (the JSON formatter) writes them as
/// fields of every line logged inside it, this process's HTTP calls included. Ids only: never a token or a member's text.
/// </summary>
internal sealed class LogScope(params (string Name, ulong? Id)[] ids) : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly KeyValuePair<string, object?>[] _fields = ids.Where(i => i.Id is not null)
        .Select(i => new KeyValuePair<string, object?>(i.Name, i.Id!.Value.ToString(CultureInfo.InvariantCulture))).ToArray();

    public int Count => _fields.Length;

    public KeyValuePair<string, object?> this[int index] => _fields[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_fields).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // The simple console formatter shows a scope as this text.
    public override string ToString() => string.Join(' ', _fields.Select(f => $"{f.Key}={f.Value}"));
}
