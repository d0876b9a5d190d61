// Types shared by main.bicep and its modules.

@export()
@description('An Azure OpenAI model deployment and the prices the cost reports use for it.')
type modelDeployment = {
  @description('Deployment name: what the app asks for (Sparring__User__Model / Sparring__Judge__Model). Letters, digits and underscores only, since it becomes part of an app setting name (Sparring__Pricing__<name>__…), and Linux app setting names cannot hold hyphens.')
  @minLength(2)
  @maxLength(64)
  name: string

  @description('Model name, e.g. gpt-4o-mini.')
  model: string

  @description('Model version, e.g. 2024-07-18.')
  version: string

  @description('Deployment SKU: GlobalStandard, Standard, DataZoneStandard, ProvisionedManaged …')
  sku: string

  @description('Capacity in thousands of tokens per minute (or PTUs for provisioned SKUs).')
  @minValue(1)
  capacity: int

  @description('USD per million input tokens (Sparring__Pricing__<name>__InputPerMillion).')
  inputPerMillion: string

  @description('USD per million output tokens (Sparring__Pricing__<name>__OutputPerMillion).')
  outputPerMillion: string
}

@export()
@description('Which Durable Functions backend holds orchestration state.')
type durableBackend = 'azureStorage' | 'durableTaskScheduler'
