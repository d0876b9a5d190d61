// Log Analytics and a workspace-based Application Insights. Local (key) authentication is off: the Function App
// sends telemetry with its managed identity (APPLICATIONINSIGHTS_AUTHENTICATION_STRING=Authorization=AAD).

@description('Azure region.')
param location string

@description('Log Analytics workspace name.')
param workspaceName string

@description('Application Insights component name.')
param appInsightsName string

@description('Days the workspace keeps logs.')
@minValue(30)
@maxValue(730)
param retentionInDays int

@description('Tags for every resource.')
param tags object

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
  }
}

@description('The workspace resource id.')
output workspaceId string = workspace.id

@description('Application Insights component name.')
output appInsightsName string = appInsights.name

@description('Application Insights connection string (an endpoint and an instrumentation key; not a secret once local auth is off).')
output appInsightsConnectionString string = appInsights.properties.ConnectionString
