// The Service Bus namespace and the training-jobs queue. Local (SAS) authentication is off: the app sends and the
// worker receives with their managed identities.

@description('Azure region.')
param location string

@description('Namespace name.')
param namespaceName string

@description('The training job queue.')
param queueName string

@description('How long a received message stays locked (at most 5 minutes; the worker renews it while a job runs).')
param lockDuration string

@description('Deliveries before the broker dead-letters a message. Keep it above the worker\'s Worker__MaxAttempts, so the worker\'s own dead-letter reason wins and an interrupted job still has deliveries left.')
@minValue(1)
@maxValue(2000)
param maxDeliveryCount int

@description('How long an unreceived job waits before it is dead-lettered.')
param messageTimeToLive string

@description('Duplicate detection window: the nightly sends message id = job id, so a resent job is dropped.')
param duplicateDetectionWindow string

@description('Tags for every resource.')
param tags object

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: namespaceName
  location: location
  tags: tags
  sku: {
    // Standard is the lowest tier with duplicate detection.
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
  }
}

resource queue 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = {
  parent: namespace
  name: queueName
  properties: {
    lockDuration: lockDuration
    maxDeliveryCount: maxDeliveryCount
    defaultMessageTimeToLive: messageTimeToLive
    deadLetteringOnMessageExpiration: true
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: duplicateDetectionWindow
    enablePartitioning: false
  }
}

@description('Namespace name.')
output name string = namespace.name

@description('Fully qualified namespace (name.servicebus.windows.net), what the app and the worker connect to.')
output fullyQualifiedNamespace string = split(split(namespace.properties.serviceBusEndpoint, '//')[1], ':')[0]

@description('Queue name.')
output queueName string = queue.name
