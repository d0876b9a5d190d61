// Sparring in one resource group: the Function App (Flex Consumption, .NET 10 isolated), its storage, Application
// Insights, Service Bus with the training-jobs queue, Azure OpenAI for mock users and the judge, the Durable backend,
// Key Vault, a container registry and the GPU worker on Container Apps. docs/deploy.md walks through a deployment.

import { modelDeployment, durableBackend as durableBackendKind } from 'modules/types.bicep'

targetScope = 'resourceGroup'

@description('Stage: part of every name and tag.')
@allowed([
  'dev'
  'prod'
])
param stage string

@description('Prefix of every resource name: lowercase letters and digits (storage account and registry names allow nothing else).')
@minLength(2)
@maxLength(10)
param namePrefix string = 'sparring'

@description('Region of everything but Azure OpenAI.')
param location string = resourceGroup().location

@description('Region of the Azure OpenAI account (where the models are offered).')
param openAiLocation string = location

@description('The mock users\' model (Sparring__User__Model).')
param mockUserModel modelDeployment

@description('The LLM judge\'s model (Sparring__Judge__Model).')
param judgeModel modelDeployment

@description('Where Durable Functions keeps orchestration state: azureStorage (the storage account\'s queues and tables) or durableTaskScheduler (a managed scheduler and task hub). docs/deploy.md, "Durable backend".')
param durableBackend durableBackendKind = 'azureStorage'

@description('Durable Task Scheduler SKU, with durableBackend = durableTaskScheduler.')
@allowed([
  'Consumption'
  'Dedicated'
])
param durableSchedulerSku string = 'Consumption'

@description('Task hub name (SparringTaskHub): 3-45 letters and digits, starting with a letter.')
@minLength(3)
@maxLength(45)
param taskHubName string = '${namePrefix}${stage}'

@description('Storage replication.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSku string = 'Standard_LRS'

@description('Most Function App instances (Flex Consumption: 40 to 1000).')
@minValue(40)
@maxValue(1000)
param functionMaximumInstanceCount int = 100

@description('Memory of each Function App instance, in MB.')
@allowed([
  512
  2048
  4096
])
param functionInstanceMemoryMB int = 2048

@description('USD per finished episode (Sparring__Metering__PlatformFeePerEpisode).')
param platformFeePerEpisode string = '0'

@description('The stored environment the nightly retraining works in (Sparring__Nightly__EnvironmentName).')
param nightlyEnvironmentName string = 'medical-supply-support'

@description('Its version (Sparring__Nightly__EnvironmentVersion).')
param nightlyEnvironmentVersion string = '1.0.0'

@description('Lock duration of training-jobs messages (ISO 8601, at most PT5M; the worker renews the lock).')
param trainingQueueLockDuration string = 'PT5M'

@description('Deliveries before the broker dead-letters a training job; above workerMaxAttempts.')
@minValue(2)
param trainingQueueMaxDeliveryCount int = 5

@description('Deliveries of a failing job before the worker dead-letters it itself (Worker__MaxAttempts).')
@minValue(1)
param workerMaxAttempts int = 3

@description('The GPU worker\'s image in the registry (repository:tag), pushed by `az acr build`; empty deploys no worker app yet (the first deployment, before the registry holds an image).')
param workerImage string = ''

@description('Workload profile type of the worker: Consumption-GPU-NC-A100, Consumption-GPU-NC8as-T4 (serverless), NC24-A100, NC48-A100, NC96-A100 (dedicated).')
@allowed([
  'Consumption-GPU-NC-A100'
  'Consumption-GPU-NC8as-T4'
  'NC24-A100'
  'NC48-A100'
  'NC96-A100'
])
param gpuProfileType string = 'Consumption-GPU-NC-A100'

@description('vCPUs of the worker container, as its profile allows.')
param workerCpu string = '24'

@description('Memory of the worker container, as its profile allows.')
param workerMemory string = '220Gi'

@description('Most worker replicas (each trains one job at a time).')
@minValue(1)
@maxValue(100)
param workerMaxReplicas int = 1

@description('Key Vault purge protection (irreversible once on).')
param keyVaultPurgeProtection bool = false

@description('Object id of the user or group operating this stage: gets Key Vault Secrets Officer and the storage data roles (to store the Durable key, create tenants). Empty for none.')
param operatorPrincipalId string = ''

@description('Whether operatorPrincipalId is a user or a group.')
@allowed([
  'User'
  'Group'
])
param operatorPrincipalType string = 'User'

var suffix = uniqueString(resourceGroup().id, stage)
var baseName = '${namePrefix}-${stage}'
var tags = {
  application: 'sparring'
  stage: stage
}

// Fixed by the code: functions/Sparring.Storage (container), functions/Sparring.Tenancy/Storage/TenancyTables.cs
// (prefix + Tenants, WebhookSignatures, IdempotencyKeys, RunCallbacks), functions/Sparring.Metering (usage).
var dataContainer = 'sparring'
var deploymentContainer = 'app-package'
var tenancyTablePrefix = 'sparring'
var usageTable = 'usage'
var trainingQueue = 'training-jobs'
var durableSystemKeySecretName = 'durable-system-key'

// Names are fixed before deployment (not taken from module outputs), so What-If can predict every resource.
var names = {
  storage: take('st${namePrefix}${stage}${suffix}', 24)
  serviceBus: 'sb-${baseName}-${suffix}'
  openAi: 'oai-${baseName}-${suffix}'
  keyVault: take('kv-${namePrefix}-${stage}-${suffix}', 24)
  registry: take('cr${namePrefix}${stage}${suffix}', 50)
  scheduler: durableBackend == 'durableTaskScheduler' ? 'dts-${baseName}-${suffix}' : ''
  functionApp: 'func-${baseName}-${suffix}'
  appInsights: 'appi-${baseName}'
  workerIdentity: 'id-${baseName}-worker'
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    workspaceName: 'log-${baseName}'
    appInsightsName: names.appInsights
    retentionInDays: stage == 'prod' ? 90 : 30
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    accountName: names.storage
    skuName: storageSku
    containers: [
      dataContainer
      deploymentContainer
    ]
    tables: [
      '${tenancyTablePrefix}Tenants'
      '${tenancyTablePrefix}WebhookSignatures'
      '${tenancyTablePrefix}IdempotencyKeys'
      '${tenancyTablePrefix}RunCallbacks'
      usageTable
    ]
    queues: []
    tags: tags
  }
}

module serviceBus 'modules/servicebus.bicep' = {
  name: 'servicebus'
  params: {
    location: location
    namespaceName: names.serviceBus
    queueName: trainingQueue
    lockDuration: trainingQueueLockDuration
    maxDeliveryCount: trainingQueueMaxDeliveryCount
    messageTimeToLive: 'P7D'
    duplicateDetectionWindow: 'P1D'
    tags: tags
  }
}

module openAi 'modules/openai.bicep' = {
  name: 'openai'
  params: {
    location: openAiLocation
    accountName: names.openAi
    deployments: [
      mockUserModel
      judgeModel
    ]
    tags: tags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    vaultName: names.keyVault
    enablePurgeProtection: keyVaultPurgeProtection
    tags: tags
  }
}

module registry 'modules/registry.bicep' = {
  name: 'registry'
  params: {
    location: location
    registryName: names.registry
    tags: tags
  }
}

module scheduler 'modules/durable-scheduler.bicep' = if (durableBackend == 'durableTaskScheduler') {
  name: 'durable-scheduler'
  params: {
    location: location
    schedulerName: names.scheduler
    taskHubName: taskHubName
    skuName: durableSchedulerSku
    tags: tags
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    location: location
    appName: names.functionApp
    planName: 'plan-${baseName}'
    blobEndpoint: storage.outputs.blobEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    deploymentContainer: deploymentContainer
    dataContainer: dataContainer
    tenancyTablePrefix: tenancyTablePrefix
    usageTable: usageTable
    platformFeePerEpisode: platformFeePerEpisode
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    openAiEndpoint: openAi.outputs.endpoint
    mockUserModel: mockUserModel
    judgeModel: judgeModel
    serviceBusNamespace: serviceBus.outputs.fullyQualifiedNamespace
    trainingQueue: serviceBus.outputs.queueName
    keyVaultUri: keyVault.outputs.vaultUri
    durableSystemKeySecretName: durableSystemKeySecretName
    backend: durableBackend
    taskHubName: taskHubName
    durableSchedulerEndpoint: scheduler.?outputs.endpoint ?? ''
    nightlyEnvironmentName: nightlyEnvironmentName
    nightlyEnvironmentVersion: nightlyEnvironmentVersion
    maximumInstanceCount: functionMaximumInstanceCount
    instanceMemoryMB: functionInstanceMemoryMB
    tags: tags
  }
}

// The worker's identity exists before its app, so AcrPull and the queue roles are in place for the first revision.
resource workerIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: names.workerIdentity
  location: location
  tags: tags
}

module access 'modules/access.bicep' = {
  name: 'access'
  // It finds the resources by name. The Function App's outputs already make it wait for every module but the
  // registry's.
  dependsOn: [
    registry
  ]
  params: {
    storageAccountName: names.storage
    serviceBusNamespaceName: names.serviceBus
    queueName: trainingQueue
    openAiAccountName: names.openAi
    keyVaultName: names.keyVault
    registryName: names.registry
    appInsightsName: names.appInsights
    schedulerName: names.scheduler
    appName: names.functionApp
    appPrincipalId: functionApp.outputs.principalId
    workerIdentityName: names.workerIdentity
    workerPrincipalId: workerIdentity.properties.principalId
    operatorPrincipalId: operatorPrincipalId
    operatorPrincipalType: operatorPrincipalType
  }
}

module worker 'modules/worker.bicep' = if (!empty(workerImage)) {
  name: 'worker'
  dependsOn: [
    access
  ]
  params: {
    location: location
    environmentName: 'cae-${baseName}'
    appName: take('ca-${baseName}-worker', 32)
    gpuProfileType: gpuProfileType
    gpuProfileMaximumCount: workerMaxReplicas
    cpu: workerCpu
    memory: workerMemory
    maxReplicas: workerMaxReplicas
    registryServer: registry.outputs.loginServer
    image: workerImage
    identityId: workerIdentity.id
    identityClientId: workerIdentity.properties.clientId
    serviceBusNamespaceName: serviceBus.outputs.name
    serviceBusNamespace: serviceBus.outputs.fullyQualifiedNamespace
    queueName: serviceBus.outputs.queueName
    maxAttempts: workerMaxAttempts
    blobEndpoint: storage.outputs.blobEndpoint
    dataContainer: dataContainer
    workspaceId: monitoring.outputs.workspaceId
    tags: tags
  }
}

@description('The Function App\'s base URL; the webhook is {appUrl}api/hooks/runs.')
output appUrl string = functionApp.outputs.url

@description('Function App name.')
output functionAppName string = functionApp.outputs.name

@description('Storage account name.')
output storageAccountName string = storage.outputs.name

@description('Table service endpoint (sparring tenant create --storage).')
output tableEndpoint string = storage.outputs.tableEndpoint

@description('Service Bus namespace name.')
output serviceBusNamespaceName string = serviceBus.outputs.name

@description('Azure OpenAI account name.')
output openAiAccountName string = openAi.outputs.name

@description('Key Vault name.')
output keyVaultName string = keyVault.outputs.name

@description('Name of the Key Vault secret that must hold the Durable extension\'s system key.')
output durableSystemKeySecretName string = durableSystemKeySecretName

@description('Container registry name.')
output registryName string = registry.outputs.name

@description('Container registry login server.')
output registryLoginServer string = registry.outputs.loginServer

@description('Durable Task Scheduler name; empty with the Azure Storage backend.')
output durableSchedulerName string = scheduler.?outputs.name ?? ''

@description('The GPU worker\'s app name; empty until workerImage is set.')
output workerAppName string = worker.?outputs.name ?? ''
