// The Function App on Flex Consumption (.NET 10 isolated), with a system-assigned identity. Its settings are exactly
// what functions/Sparring.Functions reads (docs/function-app.md, "Settings"); none holds a secret: storage, Service
// Bus, Azure OpenAI and Application Insights are reached with the identity, the Durable system key is a Key Vault
// reference.

import { modelDeployment, durableBackend } from 'types.bicep'

@description('Azure region.')
param location string

@description('Function App name.')
param appName string

@description('Flex Consumption plan name.')
param planName string

@description('Blob service endpoint of that account, ending in /.')
param blobEndpoint string

@description('Table service endpoint of that account, ending in /.')
param tableEndpoint string

@description('Queue service endpoint of that account, ending in /.')
param queueEndpoint string

@description('The container Flex Consumption deploys the app package from.')
param deploymentContainer string

@description('The app\'s blob container (Sparring__Storage__Container).')
param dataContainer string

@description('Prefix of the tenancy tables (Sparring__Tenancy__TablePrefix).')
param tenancyTablePrefix string

@description('The usage ledger table (Sparring__Metering__Table).')
param usageTable string

@description('USD per finished episode (Sparring__Metering__PlatformFeePerEpisode).')
param platformFeePerEpisode string

@description('Application Insights connection string.')
param appInsightsConnectionString string

@description('Azure OpenAI endpoint.')
param openAiEndpoint string

@description('The mock users\' deployment.')
param mockUserModel modelDeployment

@description('The judge\'s deployment.')
param judgeModel modelDeployment

@description('Service Bus fully qualified namespace.')
param serviceBusNamespace string

@description('The training job queue.')
param trainingQueue string

@description('Key Vault URI, ending in /.')
param keyVaultUri string

@description('Name of the Key Vault secret holding the Durable extension\'s system key.')
param durableSystemKeySecretName string

@description('The Durable backend.')
param backend durableBackend

@description('Task hub name (SparringTaskHub).')
param taskHubName string

@description('Durable Task Scheduler endpoint; empty with the Azure Storage backend.')
param durableSchedulerEndpoint string

@description('The stored environment the nightly works in.')
param nightlyEnvironmentName string

@description('Its version.')
param nightlyEnvironmentVersion string

@description('Most instances the app scales out to (Flex Consumption: 40 to 1000).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory of each instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Tags for every resource.')
param tags object

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-11-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainer}'
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// Flex Consumption sets the worker runtime from functionAppConfig.runtime and refuses FUNCTIONS_WORKER_RUNTIME and
// FUNCTIONS_EXTENSION_VERSION as settings.
var hostSettings = {
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__blobServiceUri: blobEndpoint
  AzureWebJobsStorage__queueServiceUri: queueEndpoint
  AzureWebJobsStorage__tableServiceUri: tableEndpoint
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'
  SparringTaskHub: taskHubName
}

// The Durable Task Scheduler backend also needs the AzureManaged storage provider in the app (docs/deploy.md).
var schedulerSettings = backend == 'durableTaskScheduler'
  ? {
      DURABLE_TASK_SCHEDULER_CONNECTION_STRING: 'Endpoint=${durableSchedulerEndpoint};Authentication=ManagedIdentity'
    }
  : {}

var sparringSettings = {
  Sparring__Storage__ServiceUri: blobEndpoint
  Sparring__Storage__Container: dataContainer
  Sparring__Tenancy__TableServiceUri: tableEndpoint
  Sparring__Tenancy__TablePrefix: tenancyTablePrefix
  Sparring__Metering__TableServiceUri: tableEndpoint
  Sparring__Metering__Table: usageTable
  Sparring__Metering__PlatformFeePerEpisode: platformFeePerEpisode
  // No Sparring__Llm__ApiKey: without a key the Azure provider authenticates with DefaultAzureCredential.
  Sparring__Llm__Provider: 'azure'
  Sparring__Llm__Endpoint: openAiEndpoint
  Sparring__User__Model: mockUserModel.name
  Sparring__Judge__Model: judgeModel.name
  'Sparring__Pricing__${mockUserModel.name}__InputPerMillion': mockUserModel.inputPerMillion
  'Sparring__Pricing__${mockUserModel.name}__OutputPerMillion': mockUserModel.outputPerMillion
  'Sparring__Pricing__${judgeModel.name}__InputPerMillion': judgeModel.inputPerMillion
  'Sparring__Pricing__${judgeModel.name}__OutputPerMillion': judgeModel.outputPerMillion
  Sparring__Nightly__EnvironmentName: nightlyEnvironmentName
  Sparring__Nightly__EnvironmentVersion: nightlyEnvironmentVersion
  Sparring__Nightly__ServiceBus: serviceBusNamespace
  Sparring__Nightly__TrainingQueue: trainingQueue
  Sparring__Nightly__PublicBaseUrl: 'https://${site.properties.defaultHostName}/'
  Sparring__Nightly__DurableSystemKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${durableSystemKeySecretName}/)'
}

resource appSettings 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: site
  name: 'appsettings'
  properties: union(hostSettings, schedulerSettings, sparringSettings)
}

@description('Function App name.')
output name string = site.name

@description('The app\'s base URL.')
output url string = 'https://${site.properties.defaultHostName}/'

@description('Principal id of the app\'s system-assigned identity.')
output principalId string = site.identity.principalId
