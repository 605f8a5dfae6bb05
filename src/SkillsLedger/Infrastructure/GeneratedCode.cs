using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Model;

namespace SkillsLedger.Infrastructure;

/// <summary>
/// Wolverine turns every HTTP endpoint into a generated C# class. Compiling those with Roslyn at start-up took most of
/// `serve`'s cold start, so Release builds compile the classes written by `skillsledger codegen write`
/// (Internal/Generated) into the executable and load them statically; Debug builds (and the tests) still generate
/// and compile at start-up, so changing an endpoint needs no extra step while developing. A test fails when the
/// written classes no longer match what the endpoints would generate (docs/operations.md).
/// </summary>
public static class GeneratedCode
{
    /// <summary>Where the classes live, relative to the project directory; compiled only in Release builds.</summary>
    public const string ProjectFolder = "Internal/Generated";

#if SKILLSLEDGER_STATIC_CODEGEN
    public const TypeLoadMode LoadMode = TypeLoadMode.Static;
#else
    public const TypeLoadMode LoadMode = TypeLoadMode.Dynamic;
#endif

    /// <summary>Writes the generated source of a built (not started) host into <paramref name="directory"/>, replacing what was there.</summary>
    /// <returns>The files written, relative to the directory.</returns>
    public static IReadOnlyList<string> Write(IServiceProvider services, string directory)
    {
        directory = Path.GetFullPath(directory);
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        var collections = services.GetServices<ICodeFileCollection>().ToArray();
        if (collections.Length == 0) throw new InvalidOperationException("no generated code is registered (is Wolverine configured?)");
        foreach (var collection in collections) collection.Rules.GeneratedCodeOutputPath = directory;
        var written = new List<string>();
        var builder = new DynamicCodeBuilder(services, collections) { ServiceVariableSource = services.GetService<IServiceVariableSource>() };
        builder.WriteGeneratedCode(file => written.Add(Path.GetRelativePath(directory, file)));
        return written.Order(StringComparer.Ordinal).ToList();
    }
}
