namespace Livepeer.Protocol.Tests;

public class ProjectSmokeTests
{
    [Fact]
    public void AssemblyLoads() => Assert.Equal("Livepeer.Protocol", typeof(ProjectSmokeTests).Assembly.GetName().Name![..17]);
}
