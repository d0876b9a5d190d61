// The prod stage: zone-redundant storage, an A100 serverless GPU for the worker, Key Vault purge protection.
// Same environment variables as dev.bicepparam (docs/deploy.md).
using '../main.bicep'

param stage = 'prod'

param durableBackend = 'azureStorage'

param mockUserModel = {
  name: 'mockuser'
  model: 'gpt-4o-mini'
  version: '2024-07-18'
  sku: 'GlobalStandard'
  capacity: 200
  inputPerMillion: '0.15'
  outputPerMillion: '0.60'
}

param judgeModel = {
  name: 'judge'
  model: 'gpt-4o'
  version: '2024-11-20'
  sku: 'GlobalStandard'
  capacity: 100
  inputPerMillion: '2.50'
  outputPerMillion: '10.00'
}

param storageSku = 'Standard_ZRS'

param functionMaximumInstanceCount = 200

param platformFeePerEpisode = '0.001'

param gpuProfileType = 'Consumption-GPU-NC-A100'

param workerCpu = '24'

param workerMemory = '220Gi'

param workerMaxReplicas = 2

param keyVaultPurgeProtection = true

param workerImage = readEnvironmentVariable('SPARRING_WORKER_IMAGE', '')

param operatorPrincipalId = readEnvironmentVariable('SPARRING_OPERATOR_ID', '')
