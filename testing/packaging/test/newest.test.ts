import { describeConsumer } from '../src/describeConsumer'
import { newestPeers } from '../src/scenarios'

describeConsumer(newestPeers, {
  metricsStatus: 200,
  nodeServer: true,
  render: ['react', 'react-swr', 'vue-ssr'],
})
