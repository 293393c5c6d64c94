// Deploy-time check of a Cognito issuer: the API scopes data by the token's tenant claim, which the
// pre-token-generation trigger copies from custom:tenant. An app client through which users may write
// custom:tenant lets anyone choose their tenant, so the deployment fails instead.
const ATTRIBUTE = 'custom:tenant';

// clients: DescribeUserPoolClient's UserPoolClient objects; returns what is wrong, one line per client
function violations(clients) {
  const found = [];
  for (const client of clients) {
    const write = client.WriteAttributes || [];
    if (write.length === 0) {
      found.push(client.ClientId + ': sets no write attributes, so Cognito applies its default'
        + ' (attributes writable by users); list those users may change, without ' + ATTRIBUTE);
    } else if (write.includes(ATTRIBUTE)) {
      found.push(client.ClientId + ': users may write ' + ATTRIBUTE + '; remove it from its write attributes');
    }
  }
  return found;
}

// describe(userPoolId, clientId) resolves to the UserPoolClient; injected so the check runs without AWS
async function check(describe, event) {
  if (event.RequestType === 'Delete') {
    return {};
  }
  const props = event.ResourceProperties;
  const clients = [];
  for (const id of props.ClientIds) {
    clients.push(await describe(props.UserPoolId, id));
  }
  const found = violations(clients);
  if (found.length > 0) {
    throw new Error('users could choose their tenant (README, "In production"): ' + found.join('; '));
  }
  return { PhysicalResourceId: props.UserPoolId + '/' + ATTRIBUTE };
}

exports.violations = violations;
exports.check = check;
exports.handler = async (event) => {
  const sdk = require('@aws-sdk/client-cognito-identity-provider');
  const cognito = new sdk.CognitoIdentityProviderClient({});
  const describe = async (pool, id) => (await cognito.send(
    new sdk.DescribeUserPoolClientCommand({ UserPoolId: pool, ClientId: id }))).UserPoolClient;
  return check(describe, event);
};
