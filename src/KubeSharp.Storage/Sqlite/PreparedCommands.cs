using Microsoft.Data.Sqlite;

namespace KubeSharp.Storage.Sqlite;

internal static class PreparedCommands
{
    /// <summary>
    /// A statement compiled once for a connection and run many times: its parameters are declared empty here
    /// and bound on each run.
    /// </summary>
    public static SqliteCommand Prepare(this SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
            command.Parameters.Add(new SqliteParameter(name, null));
        command.Prepare();
        return command;
    }
}
