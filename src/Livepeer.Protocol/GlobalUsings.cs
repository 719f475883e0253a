// The protocol's own namespaces and the core primitives are used everywhere in it: imported once here.
global using Livepeer.Core;
global using Livepeer.Core.Crypto;
global using Livepeer.Protocol.Bonding;
global using Livepeer.Protocol.Calls;
global using Livepeer.Protocol.Engine;
global using Livepeer.Protocol.Events;
global using Livepeer.Protocol.Genesis;
global using Livepeer.Protocol.Governance;
global using Livepeer.Protocol.Minting;
global using Livepeer.Protocol.Parameters;
global using Livepeer.Protocol.Rounds;
global using Livepeer.Protocol.ServiceRegistry;
global using Livepeer.Protocol.Signing;
global using Livepeer.Protocol.Slashing;
global using Livepeer.Protocol.State;
global using Livepeer.Protocol.TicketBroker;
global using Livepeer.Protocol.Token;
