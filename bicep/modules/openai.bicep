// Azure OpenAI with the mock-user and judge deployments. Key authentication is off: the Function App calls it with
// its managed identity (Cognitive Services OpenAI User).

import { modelDeployment } from 'types.bicep'

@description('Azure region (Azure OpenAI models are not offered everywhere).')
param location string

@description('Account name; also its custom subdomain, which Entra ID authentication needs.')
param accountName string

@description('The deployments: the mock users\' model and the judge\'s.')
param deployments modelDeployment[]

@description('Tags for every resource.')
param tags object

resource account 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: accountName
  location: location
  tags: tags
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: accountName
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

// One at a time: Azure OpenAI refuses concurrent deployment changes on one account.
@batchSize(1)
resource modelDeployments 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = [
  for deployment in deployments: {
    parent: account
    name: deployment.name
    sku: {
      name: deployment.sku
      capacity: deployment.capacity
    }
    properties: {
      model: {
        format: 'OpenAI'
        name: deployment.model
        version: deployment.version
      }
      versionUpgradeOption: 'NoAutoUpgrade'
    }
  }
]

@description('Account name.')
output name string = account.name

@description('The endpoint (https://<name>.openai.azure.com/).')
output endpoint string = account.properties.endpoint
