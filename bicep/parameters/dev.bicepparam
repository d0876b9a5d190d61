// The dev stage: locally redundant storage, a T4 serverless GPU for the worker, small model capacity.
// SPARRING_WORKER_IMAGE (repository:tag in the stage's registry) adds the worker once `az acr build` pushed it;
// SPARRING_OPERATOR_ID (your object id: az ad signed-in-user show --query id -o tsv) grants you Key Vault secrets and
// the storage data roles. docs/deploy.md.
using '../main.bicep'

param stage = 'dev'

param durableBackend = 'azureStorage'

param mockUserModel = {
  name: 'mockuser'
  model: 'gpt-4o-mini'
  version: '2024-07-18'
  sku: 'GlobalStandard'
  capacity: 50
  inputPerMillion: '0.15'
  outputPerMillion: '0.60'
}

param judgeModel = {
  name: 'judge'
  model: 'gpt-4o'
  version: '2024-11-20'
  sku: 'GlobalStandard'
  capacity: 30
  inputPerMillion: '2.50'
  outputPerMillion: '10.00'
}

param storageSku = 'Standard_LRS'

param functionMaximumInstanceCount = 40

param gpuProfileType = 'Consumption-GPU-NC8as-T4'

param workerCpu = '8'

param workerMemory = '56Gi'

param workerMaxReplicas = 1

param workerImage = readEnvironmentVariable('SPARRING_WORKER_IMAGE', '')

param operatorPrincipalId = readEnvironmentVariable('SPARRING_OPERATOR_ID', '')
