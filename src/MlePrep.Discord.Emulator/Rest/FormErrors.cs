using System.Text.Json.Nodes;

namespace MlePrep.Discord.Emulator.Rest;

/// <summary>Collects field errors into Discord's 50035 tree: <c>{"embeds":{"0":{"title":{"_errors":[...]}}}}</c>.</summary>
internal sealed class FormErrors
{
    private readonly JsonObject _root = [];

    public bool Any => _root.Count > 0;

    /// <summary>Adds an error at a dotted path ("embeds.0.title"; "" for the body itself).</summary>
    public void Add(string path, string code, string message)
    {
        var node = _root;
        foreach (var segment in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            if (node[segment] is not JsonObject child)
            {
                child = [];
                node[segment] = child;
            }
            node = child;
        }
        if (node["_errors"] is not JsonArray errors)
        {
            errors = [];
            node["_errors"] = errors;
        }
        errors.Add(new JsonObject { ["code"] = code, ["message"] = message });
    }

    public void MaxLength(string path, string? value, int max)
    {
        if (value is not null && value.Length > max)
        {
            Add(path, "BASE_TYPE_MAX_LENGTH", $"Must be {max} or fewer in length.");
        }
    }

    public void Length(string path, string? value, int min, int max, bool required = true)
    {
        if (value is null)
        {
            if (required)
            {
                Add(path, "BASE_TYPE_REQUIRED", "This field is required");
            }
            return;
        }
        if (value.Length < min || value.Length > max)
        {
            Add(path, "BASE_TYPE_BAD_LENGTH", $"Must be between {min} and {max} in length.");
        }
    }

    public void Count(string path, int count, int min, int max)
    {
        if (count < min || count > max)
        {
            Add(path, "BASE_TYPE_BAD_LENGTH", $"Must be between {min} and {max} in length.");
        }
    }

    public JsonObject ToBody() => new() { ["code"] = 50035, ["errors"] = _root, ["message"] = "Invalid Form Body" };
}
