import { describeConsumer } from '../src/describeConsumer'
import { lowestPeers } from '../src/scenarios'

describeConsumer(lowestPeers, {
  metricsStatus: 200,
  nodeServer: true,
  render: ['react', 'react-swr', 'vue-ssr'],
})
