import { describeConsumer } from '../src/describeConsumer'
import { withoutOptionalPeers } from '../src/scenarios'

describeConsumer(withoutOptionalPeers, { metricsStatus: 501, nodeServer: false, render: ['react-swr'] })
