// Role assignments instead of keys: what the Function App, the GPU worker and (optionally) an operator may do on each
// resource. Names are guid(scope, whose identity, role) from names known before deployment (not from principal ids,
// which exist only once the identities do), so What-If sees them and a redeployment finds the same assignments.

@description('Storage account name.')
param storageAccountName string

@description('Service Bus namespace name.')
param serviceBusNamespaceName string

@description('The training job queue.')
param queueName string

@description('Azure OpenAI account name.')
param openAiAccountName string

@description('Key Vault name.')
param keyVaultName string

@description('Container registry name.')
param registryName string

@description('Application Insights component name.')
param appInsightsName string

@description('Durable Task Scheduler name; empty with the Azure Storage backend.')
param schedulerName string

@description('Function App name: part of its assignments\' names.')
param appName string

@description('Principal id of the Function App\'s system-assigned identity.')
param appPrincipalId string

@description('Name of the worker\'s user-assigned identity: part of its assignments\' names.')
param workerIdentityName string

@description('Principal id of the worker\'s user-assigned identity.')
param workerPrincipalId string

@description('Object id of a user or group that operates the stage (Key Vault secrets, tenant tables); empty for none.')
param operatorPrincipalId string

@description('Whether operatorPrincipalId is a user or a group.')
@allowed([
  'User'
  'Group'
])
param operatorPrincipalType string

var roles = {
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  serviceBusDataSender: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
  serviceBusDataReceiver: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'
  cognitiveServicesOpenAiUser: '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
  acrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
  durableTaskDataContributor: '0ad04412-c4d5-4796-b79c-f76d14c8d402'
}

var storageRoles = [
  roles.storageBlobDataContributor
  roles.storageQueueDataContributor
  roles.storageTableDataContributor
]

var storagePrincipals = concat(
  [
    { key: appName, id: appPrincipalId, type: 'ServicePrincipal' }
    { key: workerIdentityName, id: workerPrincipalId, type: 'ServicePrincipal' }
  ],
  empty(operatorPrincipalId) ? [] : [{ key: operatorPrincipalId, id: operatorPrincipalId, type: operatorPrincipalType }]
)

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' existing = {
  name: serviceBusNamespaceName

  resource queue 'queues' existing = {
    name: queueName
  }
}

resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' existing = {
  name: openAiAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = {
  name: registryName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource scheduler 'Microsoft.DurableTask/schedulers@2025-11-01' existing = if (!empty(schedulerName)) {
  name: schedulerName
}

resource storageData 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for pair in flatten(map(storagePrincipals, principal => map(storageRoles, role => { principal: principal, role: role }))): {
    name: guid(storage.id, pair.principal.key, pair.role)
    scope: storage
    properties: {
      principalId: pair.principal.id
      principalType: pair.principal.type
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', pair.role)
    }
  }
]

resource appSends 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(namespace::queue.id, appName, roles.serviceBusDataSender)
  scope: namespace::queue
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataSender)
  }
}

// On the namespace rather than the queue: KEDA's scaler reads the queue's runtime properties through the namespace.
resource workerReceives 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(namespace.id, workerIdentityName, roles.serviceBusDataReceiver)
  scope: namespace
  properties: {
    principalId: workerPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataReceiver)
  }
}

resource appCallsOpenAi 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(openAi.id, appName, roles.cognitiveServicesOpenAiUser)
  scope: openAi
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.cognitiveServicesOpenAiUser)
  }
}

resource appReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, appName, roles.keyVaultSecretsUser)
  scope: vault
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
  }
}

resource workerPulls 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, workerIdentityName, roles.acrPull)
  scope: registry
  properties: {
    principalId: workerPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.acrPull)
  }
}

resource appPublishesTelemetry 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, appName, roles.monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
  }
}

resource appRunsOrchestrations 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(schedulerName)) {
  name: guid(scheduler.id, appName, roles.durableTaskDataContributor)
  scope: scheduler
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.durableTaskDataContributor)
  }
}

resource operatorManagesSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(operatorPrincipalId)) {
  name: guid(vault.id, operatorPrincipalId, roles.keyVaultSecretsOfficer)
  scope: vault
  properties: {
    principalId: operatorPrincipalId
    principalType: operatorPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)
  }
}
