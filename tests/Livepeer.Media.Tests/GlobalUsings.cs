global using Livepeer.Media.Tests.Support;
