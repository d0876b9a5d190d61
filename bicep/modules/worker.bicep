// The GPU worker (gpu-worker/Dockerfile) on a Container Apps environment with a GPU workload profile, scaled by
// KEDA's azure-servicebus scaler on the training queue, from zero. It runs as a user-assigned identity, created
// (with its AcrPull and data roles) before the app, so the first revision can pull its image and read the queue.

@description('Azure region (GPU workload profiles are offered in some regions only).')
param location string

@description('Container Apps environment name.')
param environmentName string

@description('Container app name (2-32 lowercase letters, digits and hyphens).')
@minLength(2)
@maxLength(32)
param appName string

@description('Workload profile type for the worker: serverless GPU (Consumption-GPU-NC-A100, Consumption-GPU-NC8as-T4) or dedicated (NC24-A100, NC48-A100, NC96-A100).')
param gpuProfileType string

@description('Dedicated GPU profiles only: most nodes.')
@minValue(1)
param gpuProfileMaximumCount int

@description('vCPUs of the worker container, as the profile allows (24 on Consumption-GPU-NC-A100, 8 on the T4 profile).')
param cpu string

@description('Memory of the worker container (220Gi on Consumption-GPU-NC-A100, 56Gi on the T4 profile).')
param memory string

@description('Most replicas; each trains one job at a time.')
@minValue(1)
@maxValue(100)
param maxReplicas int

@description('Registry login server.')
param registryServer string

@description('Image repository and tag in that registry, e.g. sparring-gpu-worker:cuda-1.')
param image string

@description('Resource id of the worker\'s user-assigned identity.')
param identityId string

@description('Client id of that identity (AZURE_CLIENT_ID, for DefaultAzureCredential).')
param identityClientId string

@description('Service Bus namespace name (the scaler\'s metadata).')
param serviceBusNamespaceName string

@description('Service Bus fully qualified namespace (the worker\'s Worker__ServiceBusNamespace).')
param serviceBusNamespace string

@description('The training job queue.')
param queueName string

@description('Deliveries of a failing job before the worker dead-letters it (Worker__MaxAttempts).')
@minValue(1)
param maxAttempts int

@description('Blob service endpoint of the storage account (Sparring__Storage__ServiceUri).')
param blobEndpoint string

@description('The app\'s blob container.')
param dataContainer string

@description('Log Analytics workspace id, for the environment\'s logs.')
param workspaceId string

@description('Tags for every resource.')
param tags object

var gpuProfileName = 'gpu'
var serverless = startsWith(gpuProfileType, 'Consumption')

resource environment 'Microsoft.App/managedEnvironments@2025-01-01' = {
  name: environmentName
  location: location
  tags: tags
  properties: {
    // Logs go through the diagnostic setting below: no workspace key in the environment.
    appLogsConfiguration: {
      destination: 'azure-monitor'
    }
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
      serverless
        ? {
            name: gpuProfileName
            workloadProfileType: gpuProfileType
          }
        : {
            name: gpuProfileName
            workloadProfileType: gpuProfileType
            minimumCount: 0
            maximumCount: gpuProfileMaximumCount
          }
    ]
  }
}

resource environmentLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'logs'
  scope: environment
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
  }
}

resource worker 'Microsoft.App/containerApps@2025-01-01' = {
  name: appName
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    environmentId: environment.id
    workloadProfileName: gpuProfileName
    configuration: {
      activeRevisionsMode: 'Single'
      registries: [
        {
          server: registryServer
          identity: identityId
        }
      ]
      // The OpenAI-compatible endpoint (docs/serving.md), inside the environment only.
      ingress: {
        external: false
        targetPort: 8080
        transport: 'http'
      }
    }
    template: {
      // Room for a stopping job to store its partial checkpoint (GpuWorker:ShutdownTimeout, 5 minutes).
      terminationGracePeriodSeconds: 600
      containers: [
        {
          name: 'worker'
          image: '${registryServer}/${image}'
          resources: {
            cpu: json(cpu)
            memory: memory
          }
          env: [
            { name: 'AZURE_CLIENT_ID', value: identityClientId }
            { name: 'Worker__Queue', value: 'servicebus' }
            { name: 'Worker__ServiceBusNamespace', value: serviceBusNamespace }
            { name: 'Worker__QueueName', value: queueName }
            { name: 'Worker__MaxAttempts', value: string(maxAttempts) }
            { name: 'Sparring__Storage__ServiceUri', value: blobEndpoint }
            { name: 'Sparring__Storage__Container', value: dataContainer }
            { name: 'GpuWorker__Device', value: 'auto' }
          ]
        }
      ]
      scale: {
        minReplicas: 0
        maxReplicas: maxReplicas
        rules: [
          {
            name: 'training-jobs'
            custom: {
              type: 'azure-servicebus'
              metadata: {
                namespace: serviceBusNamespaceName
                queueName: queueName
                messageCount: '1'
              }
              identity: identityId
            }
          }
        ]
      }
    }
  }
}

@description('Container Apps environment name.')
output environmentName string = environment.name

@description('Worker app name.')
output name string = worker.name

@description('The worker\'s internal URL (its /v1/chat/completions).')
output internalUrl string = 'https://${worker.properties.configuration.ingress.fqdn}/'
