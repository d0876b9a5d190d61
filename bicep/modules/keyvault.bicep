// Key Vault for the Durable system key (read by the Function App through a Key Vault reference) and for the
// tenants' webhook secrets and API keys that operators hand out. Access is by Azure RBAC, not access policies.

@description('Azure region.')
param location string

@description('Vault name (3-24 letters, digits and hyphens).')
@minLength(3)
@maxLength(24)
param vaultName string

@description('Purge protection: once on it cannot be turned off; on for prod.')
param enablePurgeProtection bool

@description('Tags for every resource.')
param tags object

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: vaultName
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // null rather than false: the property cannot be set to false once it was true.
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
  }
}

@description('Vault name.')
output name string = vault.name

@description('Vault URI (https://<name>.vault.azure.net/).')
output vaultUri string = vault.properties.vaultUri
