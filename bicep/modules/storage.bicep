// The storage account: Blob (the app's container, the Flex Consumption deployment container), Table (tenancy and
// metering tables) and Queue (the Durable Azure Storage backend creates its own control and work-item queues).
// Shared-key access is off: every client authenticates with Entra ID.

@description('Azure region.')
param location string

@description('Storage account name (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param accountName string

@description('Blob containers to create.')
param containers string[]

@description('Tables to create.')
param tables string[]

@description('Queues to create (none by default: the Durable backend creates its own).')
param queues string[]

@description('Replication: Standard_LRS for dev, Standard_ZRS or Standard_GZRS for prod.')
param skuName string

@description('Tags for every resource.')
param tags object

resource account 'Microsoft.Storage/storageAccounts@2024-01-01' = {
  name: accountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2024-01-01' = {
  parent: account
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: 7
    }
  }
}

resource blobContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = [
  for container in containers: {
    parent: blobService
    name: container
    properties: {
      publicAccess: 'None'
    }
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2024-01-01' = {
  parent: account
  name: 'default'
}

resource storageTables 'Microsoft.Storage/storageAccounts/tableServices/tables@2024-01-01' = [
  for table in tables: {
    parent: tableService
    name: table
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2024-01-01' = {
  parent: account
  name: 'default'
}

resource storageQueues 'Microsoft.Storage/storageAccounts/queueServices/queues@2024-01-01' = [
  for queue in queues: {
    parent: queueService
    name: queue
  }
]

@description('Storage account name.')
output name string = account.name

@description('Blob service endpoint (https://account.blob.core.windows.net/).')
output blobEndpoint string = account.properties.primaryEndpoints.blob

@description('Table service endpoint.')
output tableEndpoint string = account.properties.primaryEndpoints.table

@description('Queue service endpoint.')
output queueEndpoint string = account.properties.primaryEndpoints.queue
