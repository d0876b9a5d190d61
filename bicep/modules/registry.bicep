// The container registry for the GPU worker's image. The admin user is off: the worker pulls with its identity
// (AcrPull), `az acr build` pushes with the deployer's login.

@description('Azure region.')
param location string

@description('Registry name (5-50 letters and digits).')
@minLength(5)
@maxLength(50)
param registryName string

@description('Tags for every resource.')
param tags object

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: registryName
  location: location
  tags: tags
  sku: {
    name: 'Basic'
  }
  properties: {
    adminUserEnabled: false
  }
}

@description('Registry name.')
output name string = registry.name

@description('Login server (<name>.azurecr.io).')
output loginServer string = registry.properties.loginServer
