global using Livepeer.Media.Tests.Support;
global using Livepeer.Media.Rtmp.Protocol;
global using Livepeer.Media.Rtmp.Messages;
