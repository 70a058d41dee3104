import { buildAndPack, installHost } from '../tests/consumer/support';
const packed = buildAndPack();
const host = installHost(packed);
console.log(host.dir, host.nodeModulesBytes);
