using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansBank.Runtime.Messaging.Gateway;

namespace OrleansBank.Runtime.Hosting;

/// <summary>Makes a cluster member's gateway tell its clients every active silo's gateway, from the membership table.</summary>
internal static class MembershipGatewayListServiceCollectionExtensions
{
    public static IServiceCollection AddMembershipGatewayList(this IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Singleton<IGatewayListProvider, MembershipGatewayListProvider>());
}
