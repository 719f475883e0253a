using System.Text.Json;
using System.Text.Json.Serialization;

namespace Livepeer.Ethereum.Events;

/// <summary>
/// Where an <see cref="EventFollower"/> stands, persisted as a small JSON file: the next block to read, block hashes
/// it has seen (to find where a reorganization forked), and the logs it delivered within the reorganization window
/// (so a log is never delivered twice, and a log that vanished is reported removed).
/// </summary>
public sealed class EventCursor
{
    /// <summary>The next block whose logs are not yet delivered.</summary>
    [JsonPropertyName("nextBlock")] public long NextBlock { get; set; }

    /// <summary>Blocks seen, oldest first: the last read block of each poll and every block a delivered log was in.</summary>
    [JsonPropertyName("checkpoints")] public List<BlockCheckpoint> Checkpoints { get; set; } = [];

    /// <summary>Logs delivered within the window, by key.</summary>
    [JsonPropertyName("delivered")] public List<DeliveredLog> Delivered { get; set; } = [];

    /// <summary>Reads the cursor at <paramref name="path"/>, or a new one starting at <paramref name="startBlock"/> when there is none.</summary>
    public static EventCursor Load(string path, long startBlock)
    {
        if (!File.Exists(path)) return new EventCursor { NextBlock = startBlock };
        return JsonSerializer.Deserialize<EventCursor>(File.ReadAllText(path))
            ?? throw new InvalidDataException($"The event cursor {path} is empty or not JSON; delete it to follow again from block {startBlock}.");
    }

    /// <summary>Writes the cursor atomically (a crash leaves the old or the new one, never half of one).</summary>
    public void Save(string path)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(this));
        File.Move(temp, path, overwrite: true);
    }
}

/// <summary>A block number and the hash it had when it was read.</summary>
public sealed record BlockCheckpoint([property: JsonPropertyName("n")] long Number, [property: JsonPropertyName("h")] string Hash);

/// <summary>A delivered log's key and block.</summary>
public sealed record DeliveredLog([property: JsonPropertyName("key")] string Key, [property: JsonPropertyName("n")] long Block);
