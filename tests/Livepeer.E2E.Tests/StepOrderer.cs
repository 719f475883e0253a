using Xunit.Abstractions;
using Xunit.Sdk;

namespace Livepeer.E2E.Tests;

/// <summary>Where a test runs among its class's tests when they share one running network (lower first; unmarked last).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StepAttribute(int order) : Attribute
{
    /// <summary>The position.</summary>
    public int Order { get; } = order;
}

/// <summary>
/// Runs a class's tests in <see cref="StepAttribute"/> order: each claim is its own test against one shared devnet, and
/// the disruptive ones (killing anvil, stopping the devnet) must come after the claims that watch it undisturbed.
/// </summary>
public sealed class StepOrderer : ITestCaseOrderer
{
    /// <summary>The name to give <see cref="TestCaseOrdererAttribute"/>.</summary>
    public const string Name = "Livepeer.E2E.Tests.StepOrderer";
    /// <summary>This assembly's name.</summary>
    public const string Assembly = "Livepeer.E2E.Tests";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases) where TTestCase : ITestCase =>
        testCases.OrderBy(t => t.TestMethod.Method.GetCustomAttributes(typeof(StepAttribute).AssemblyQualifiedName).FirstOrDefault()?.GetConstructorArguments().Cast<int>().First() ?? int.MaxValue)
            .ThenBy(t => t.TestMethod.Method.Name, StringComparer.Ordinal);
}
