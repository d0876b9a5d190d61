// The Durable Task Scheduler and its task hub, for durableBackend = 'durableTaskScheduler'.

@description('Azure region.')
param location string

@description('Scheduler name.')
param schedulerName string

@description('Task hub name: the same as the app\'s SparringTaskHub setting.')
param taskHubName string

@description('Consumption (pay per action) or Dedicated (capacity units).')
@allowed([
  'Consumption'
  'Dedicated'
])
param skuName string

@description('Tags for every resource.')
param tags object

resource scheduler 'Microsoft.DurableTask/schedulers@2025-11-01' = {
  name: schedulerName
  location: location
  tags: tags
  properties: {
    // Reached over the internet with Entra ID; restrict when the app gets a virtual network.
    ipAllowlist: [
      '0.0.0.0/0'
    ]
    sku: skuName == 'Dedicated'
      ? {
          name: skuName
          capacity: 1
        }
      : {
          name: skuName
        }
  }
}

resource taskHub 'Microsoft.DurableTask/schedulers/taskHubs@2025-11-01' = {
  parent: scheduler
  name: taskHubName
}

@description('Scheduler name.')
output name string = scheduler.name

@description('Task hub name.')
output taskHubName string = taskHub.name

@description('Scheduler endpoint, for DURABLE_TASK_SCHEDULER_CONNECTION_STRING.')
output endpoint string = scheduler.properties.endpoint
